/// Rewrites several segments as one, inside the caller's transaction: live documents get new,
/// consecutive global ids; deleted ones and their postings are gone.
struct SegmentMerger {
    let db: SQLiteConnection

    private struct Source {
        var info: SegmentInfo
        /// New local id of each old local id, nil when deleted.
        var remap: [Int?]
    }

    func merge(_ ids: [Int64]) throws {
        let sources = try ids.map(load).sorted { $0.info.baseDoc < $1.info.baseDoc }
        var next = 0
        var remapped: [Source] = []
        for var source in sources {
            source.remap = (0..<source.info.docCount).map { local in
                if source.info.isDeleted(local) { return nil }
                defer { next += 1 }
                return next
            }
            remapped.append(source)
        }
        let count = next
        // Segments back to back with nothing deleted (a first crawl's) keep their ids: no
        // document or file row is rewritten. Others move to fresh ids after the last.
        let inPlace = zip(remapped, remapped.dropFirst()).allSatisfy { $0.info.baseDoc + Int64($0.info.docCount) == $1.info.baseDoc }
            && remapped.allSatisfy { $0.info.deletedCount == 0 }
        let nextDoc = try db.scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_doc_id'") ?? 1
        let baseDoc = inPlace ? remapped.first?.info.baseDoc ?? nextDoc : nextDoc

        var norms: [UInt8] = []
        norms.reserveCapacity(count * IndexField.count * 4)
        let moveDocument = try db.prepare("UPDATE documents SET doc_id = ? WHERE doc_id = ?")
        let moveFile = try db.prepare("UPDATE files SET doc_id = ? WHERE doc_id = ?")
        for source in remapped {
            for (local, target) in source.remap.enumerated() {
                guard let target else { continue }
                for field in IndexField.allCases { norms.appendUInt32LE(source.info.fieldLength(local, field)) }
                let old = source.info.baseDoc + Int64(local), new = baseDoc + Int64(target)
                if old == new { continue }
                try moveDocument.reset().bind(.integer(new), .integer(old)).run()
                try moveFile.reset().bind(.integer(new), .integer(old)).run()
            }
        }
        let segmentID: Int64? = count == 0 ? nil : try {
            try db.prepare("INSERT INTO segments(base_doc, doc_count, norms, deletions, deleted_count) VALUES (?, ?, ?, ?, 0)")
                .bind(.integer(baseDoc), .int(count), .blob(norms), .blob([UInt8](repeating: 0, count: (count + 7) / 8))).run()
            return db.lastInsertRowID
        }()
        if let segmentID { try mergePostings(remapped, into: segmentID, norms: norms, count: count) }
        let dropped = remapped.map { String($0.info.id) }.joined(separator: ",")
        try db.execute("""
            DELETE FROM segments WHERE id IN (\(dropped)); DELETE FROM postings WHERE segment_id IN (\(dropped))
            """)
        if !inPlace {
            try db.prepare("INSERT INTO meta(key, value) VALUES ('next_doc_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .bind(.text(String(baseDoc + Int64(count)))).run()
        }
    }

    /// Reads each source's postings in term order (the table's own order within a segment)
    /// and writes each term's combined list, merging the sources' runs as a merge sort does.
    /// Sources are in document order, so the new ids stay ascending.
    private func mergePostings(_ sources: [Source], into segmentID: Int64, norms: [UInt8], count: Int) throws {
        let references = ScoreBounds.references(norms: norms, documents: count)
        let lengths = SegmentBuilder.lengths(norms)
        // The rows written meanwhile belong to the new segment, which no run reads.
        var runs = try sources.map { try PostingsRun(db: db, segmentID: $0.info.id) }
        let insert = try db.prepare("INSERT INTO postings(segment_id, term, doc_freq, data) VALUES (?, ?, ?, ?)")
        while let term = runs.compactMap(\.term).min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var builder = PostingListBuilder()
            for index in runs.indices where runs[index].term == term {
                var scanner = try PostingListScanner(runs[index].data)
                let remap = sources[index].remap
                while let (doc, frequencies, positions) = try scanner.next() {
                    guard doc < remap.count else { throw PostingList.corrupt }
                    guard let target = remap[doc] else { continue }
                    positions.withUnsafeBytes { builder.add(localDoc: target, frequencies: frequencies, encodedPositions: $0) }
                }
                try runs[index].advance()
            }
            if builder.docFrequency > 0 {
                try insert.reset().bind(.integer(segmentID), .text(term), .int(builder.docFrequency),
                                        .blob(builder.encoded(lengths: lengths, references: references))).run()
            }
        }
    }

    private func load(_ id: Int64) throws -> Source {
        let statement = try db.prepare("SELECT base_doc, doc_count, deleted_count, norms, deletions FROM segments WHERE id = ?").bind(.integer(id))
        guard try statement.step() else { throw IndexError("segment \(id) vanished during a merge") }
        let info = try SegmentInfo(id: id, baseDoc: statement.int64(0), docCount: statement.int(1), deletedCount: statement.int(2),
                                   norms: statement.blob(3), deletions: statement.blob(4))
        return Source(info: info, remap: [])
    }
}

/// One segment's posting rows in term order (SQLite's BINARY order: bytes), read one at a time.
private struct PostingsRun {
    private let rows: SQLiteStatement
    /// The current row's term; nil past the last.
    private(set) var term: String?
    private(set) var data: [UInt8] = []

    init(db: SQLiteConnection, segmentID: Int64) throws {
        rows = try db.prepare("SELECT term, data FROM postings WHERE segment_id = ? ORDER BY term").bind(.integer(segmentID))
        try advance()
    }

    mutating func advance() throws {
        guard try rows.step() else {
            term = nil
            data = []
            return
        }
        term = rows.text(0) ?? ""
        data = rows.blob(1)
    }
}
