import HDriveText

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
        let baseDoc = try db.scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_doc_id'") ?? 1

        var norms: [UInt8] = []
        norms.reserveCapacity(count * IndexField.count * 4)
        let moveDocument = try db.prepare("UPDATE documents SET doc_id = ? WHERE doc_id = ?")
        let moveFile = try db.prepare("UPDATE files SET doc_id = ? WHERE doc_id = ?")
        for source in remapped {
            for (local, target) in source.remap.enumerated() {
                guard let target else { continue }
                for field in IndexField.allCases { norms.appendUInt32LE(source.info.fieldLength(local, field)) }
                let old = source.info.baseDoc + Int64(local), new = baseDoc + Int64(target)
                try moveDocument.reset().bind(.integer(new), .integer(old)).run()
                try moveFile.reset().bind(.integer(new), .integer(old)).run()
            }
        }
        let segmentID: Int64? = count == 0 ? nil : try {
            try db.prepare("INSERT INTO segments(base_doc, doc_count, norms, deletions, deleted_count) VALUES (?, ?, ?, ?, 0)")
                .bind(.integer(baseDoc), .int(count), .blob(norms), .blob([UInt8](repeating: 0, count: (count + 7) / 8))).run()
            return db.lastInsertRowID
        }()
        if let segmentID { try mergePostings(remapped, into: segmentID) }
        let dropSegment = try db.prepare("DELETE FROM segments WHERE id = ?")
        let dropPostings = try db.prepare("DELETE FROM postings WHERE segment_id = ?")
        for source in remapped {
            try dropSegment.reset().bind(.integer(source.info.id)).run()
            try dropPostings.reset().bind(.integer(source.info.id)).run()
        }
        try db.prepare("INSERT INTO meta(key, value) VALUES ('next_doc_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(.text(String(baseDoc + Int64(count)))).run()
    }

    /// Walks every source's terms in order at once (a k-way merge) and writes each term's
    /// combined list; sources are in document order, so the new ids stay ascending.
    private func mergePostings(_ sources: [Source], into segmentID: Int64) throws {
        let cursors = try sources.map { source in
            try db.prepare("SELECT term, data FROM postings WHERE segment_id = ? ORDER BY term").bind(.integer(source.info.id))
        }
        var heads: [(term: String, data: [UInt8])?] = try cursors.map { try $0.step() ? ($0.text(0) ?? "", $0.blob(1)) : nil }
        let insert = try db.prepare("INSERT INTO postings(segment_id, term, doc_freq, data) VALUES (?, ?, ?, ?)")
        while let term = heads.compactMap({ $0?.term }).min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var builder = PostingListBuilder()
            for index in heads.indices where heads[index]?.term == term {
                var cursor = try PostingCursor(heads[index]!.data)
                while try cursor.next() {
                    guard let target = sources[index].remap[cursor.doc] else { continue }
                    let positions = try IndexField.allCases.map { try cursor.positions(in: $0) }
                    builder.add(localDoc: target, positions: positions)
                }
                heads[index] = try cursors[index].step() ? (cursors[index].text(0) ?? "", cursors[index].blob(1)) : nil
            }
            if builder.docFrequency > 0 {
                try insert.reset().bind(.integer(segmentID), .text(term), .int(builder.docFrequency), .blob(builder.encoded())).run()
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
