import HDriveCore
import HDriveText

/// Writes one batch inside an open transaction. Documents added go into one new segment;
/// documents replaced or removed become tombstones in the segment that holds them.
struct BatchWriter {
    private let db: SQLiteConnection
    private let analyzer: Analyzer
    private let vocabulary: VocabularyWriter
    private var builder: SegmentBuilder
    /// The batch built its segment as documents were put: they are not analyzed here.
    private let prebuilt: Bool
    /// Local id of the next document written.
    private var nextLocal = 0
    private var tombstones: TombstoneEditor
    private let baseDoc: Int64
    private let findFile: SQLiteStatement
    private let upsertFile: SQLiteStatement
    private let insertDocument: SQLiteStatement
    private let documentsOfFile: SQLiteStatement
    private let deleteDocuments: SQLiteStatement
    private let deleteFile: SQLiteStatement
    private let codec: StoredTextCodec

    init(db: SQLiteConnection, analyzer: Analyzer, vocabulary: VocabularyWriter, codec: StoredTextCodec,
         segment: SegmentBuilder?) throws {
        self.db = db
        builder = segment ?? SegmentBuilder()
        prebuilt = segment != nil
        self.codec = codec
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        baseDoc = try db.scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_doc_id'") ?? 1
        tombstones = TombstoneEditor(db: db, newSegmentBase: baseDoc)
        findFile = try db.prepare("SELECT id, doc_id FROM files WHERE root_id = ? AND path = ?")
        upsertFile = try db.prepare("""
            INSERT INTO files(root_id, path, size, mtime_ns, ctime_ns, device, inode, mode, uid, gid,
                              type, mime, state, failure_kind, failure_message, doc_id, indexed_at, content_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(root_id, path) DO UPDATE SET
                size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
                device = excluded.device, inode = excluded.inode, mode = excluded.mode,
                uid = excluded.uid, gid = excluded.gid, type = excluded.type, mime = excluded.mime,
                state = excluded.state, failure_kind = excluded.failure_kind,
                failure_message = excluded.failure_message, doc_id = excluded.doc_id,
                indexed_at = excluded.indexed_at, content_hash = excluded.content_hash
            """)
        insertDocument = try db.prepare("""
            INSERT INTO documents(doc_id, file_id, title, body, metadata, member, member_type, member_failure)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // No RETURNING in this writer's statements: SQLite then copies every page such a statement
        // touches to a temporary file, which wrote 4 KB for each file put.
        documentsOfFile = try db.prepare("SELECT doc_id FROM documents WHERE file_id = ?")
        deleteDocuments = try db.prepare("DELETE FROM documents WHERE file_id = ?")
        deleteFile = try db.prepare("DELETE FROM files WHERE id = ?")
    }

    mutating func put(_ file: FileRecord, _ document: PreparedDocument) throws {
        findFile.reset().bind(.integer(file.rootID), .blob(file.path.bytes))
        let existing: Int64? = try findFile.step() ? findFile.int64(0) : nil
        findFile.reset()
        if let existing { try removeDocuments(ofFile: existing) }

        let docID = baseDoc + Int64(nextLocal)
        let stat = file.stat
        upsertFile.reset().bind(
            .integer(file.rootID), .blob(file.path.bytes), .integer(stat.size), .integer(stat.mtimeNs),
            .integer(stat.ctimeNs), .integer(Int64(bitPattern: stat.device)), .integer(Int64(bitPattern: stat.inode)),
            .integer(Int64(stat.mode)), .integer(Int64(stat.uid)), .integer(Int64(stat.gid)),
            .text(file.type.rawValue), .optionalText(file.mimeType), .text(file.state.rawValue),
            .optionalText(file.failure?.kind.rawValue), .optionalText(file.failure?.message),
            .integer(docID), .integer(WallClock.nowNanoseconds()), file.contentHash.map(SQLiteValue.blob))
        try upsertFile.run()
        // The row found above is the one the upsert updated; else it inserted a new one.
        let fileID = existing ?? db.lastInsertRowID
        try insertDocuments(document, docID: docID, fileID: fileID)
    }

    /// The file's own document row, then one per member, each in the new segment too.
    private mutating func insertDocuments(_ prepared: PreparedDocument, docID: Int64, fileID: Int64) throws {
        let all = prepared.document.withMembers
        let analyzed = prebuilt ? nil : prepared.analyzed ?? all.map { AnalyzedDocument($0, analyzer: analyzer) }
        let bodies = prepared.bodies.flatMap { $0.dictionary == codec.dictionary ? $0.values : nil }
            ?? all.map { codec.encode($0.body) }
        for index in all.indices {
            let document = all[index]
            let local = nextLocal
            nextLocal += 1
            if let analyzed {
                let added = builder.add(analyzed[index])
                precondition(added == local, "documents get local ids in the order they are written")
            }
            let id = baseDoc + Int64(local)
            precondition(index > 0 || id == docID, "a file's own document comes first")
            let member = index == 0 ? nil : prepared.document.members[index - 1]
            try insertDocument.reset().bind(.integer(id), .integer(fileID), .optionalText(document.title),
                                            bodies[index], .optionalText(document.metadataJSON),
                                            member.map { SQLiteValue.text($0.path) }, member.map { SQLiteValue.text($0.type.rawValue) },
                                            member?.failureKind.map(SQLiteValue.text)).run()
        }
    }

    /// Re-keys a file to a new path and re-indexes its document there; type, mime type,
    /// failure and content hash stay as they were.
    mutating func move(fileID: Int64, to file: FileRecord, _ document: PreparedDocument) throws {
        findFile.reset().bind(.integer(file.rootID), .blob(file.path.bytes))
        let occupant: Int64? = try findFile.step() ? findFile.int64(0) : nil
        findFile.reset()
        if let occupant, occupant != fileID { try delete(fileID: occupant) }
        let current = try db.prepare("SELECT 1 FROM files WHERE id = ?").bind(.integer(fileID))
        guard try current.step() else { throw IndexError("cannot move file \(fileID): it is not in the catalog") }
        try removeDocuments(ofFile: fileID)
        let docID = baseDoc + Int64(nextLocal)
        let stat = file.stat
        try db.prepare("""
            UPDATE files SET path = ?, size = ?, mtime_ns = ?, ctime_ns = ?, device = ?, inode = ?, mode = ?,
                             uid = ?, gid = ?, doc_id = ?, indexed_at = ? WHERE id = ?
            """).bind(.blob(file.path.bytes), .integer(stat.size), .integer(stat.mtimeNs), .integer(stat.ctimeNs),
                      .integer(Int64(bitPattern: stat.device)), .integer(Int64(bitPattern: stat.inode)),
                      .integer(Int64(stat.mode)), .integer(Int64(stat.uid)), .integer(Int64(stat.gid)),
                      .integer(docID), .integer(WallClock.nowNanoseconds()), .integer(fileID)).run()
        try insertDocuments(document, docID: docID, fileID: fileID)
    }

    mutating func delete(fileID: Int64) throws {
        try deleteFile.reset().bind(.integer(fileID)).run()
        try removeDocuments(ofFile: fileID)
    }

    /// Removes the file's own document and its members' documents, leaving tombstones.
    private mutating func removeDocuments(ofFile fileID: Int64) throws {
        documentsOfFile.reset().bind(.integer(fileID))
        var removed: [Int64] = []
        while try documentsOfFile.step() { removed.append(documentsOfFile.int64(0)) }
        documentsOfFile.reset()
        try deleteDocuments.reset().bind(.integer(fileID)).run()
        for docID in removed { try tombstones.delete(docID) }
    }

    /// Writes the new segment and its postings, the tombstones, and the field totals.
    mutating func finish() throws {
        precondition(nextLocal == builder.documentCount, "every document of the segment was written")
        var lengthDeltas = builder.fieldLengthTotals
        if !builder.isEmpty {
            let count = builder.documentCount
            try db.prepare("INSERT INTO segments(base_doc, doc_count, norms, deletions, deleted_count) VALUES (?, ?, ?, ?, 0)")
                .bind(.integer(baseDoc), .int(count), .blob(builder.encodedNorms()),
                      .blob([UInt8](repeating: 0, count: (count + 7) / 8))).run()
            let segmentID = db.lastInsertRowID
            let insertPosting = try db.prepare("INSERT INTO postings(segment_id, term, doc_freq, data) VALUES (?, ?, ?, ?)")
            let postings = builder.sortedPostings()
            for (term, docFrequency, data) in postings {
                try insertPosting.reset().bind(.integer(segmentID), .text(term), .int(docFrequency), .blob(data)).run()
            }
            try vocabulary.add(postings.lazy.map(\.term))
            tombstones.registerNewSegment(id: segmentID, docCount: count, norms: builder.encodedNorms())
            try db.prepare("INSERT INTO meta(key, value) VALUES ('next_doc_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .bind(.text(String(baseDoc + Int64(count)))).run()
        }
        let removed = try tombstones.flush()
        for field in 0..<IndexField.count { lengthDeltas[field] -= removed[field] }
        let update = try db.prepare("""
            INSERT INTO field_stats(field, total_length) VALUES (?, ?)
            ON CONFLICT(field) DO UPDATE SET total_length = total_length + excluded.total_length
            """)
        for (field, delta) in lengthDeltas.enumerated() where delta != 0 {
            try update.reset().bind(.int(field), .integer(delta)).run()
        }
    }
}
