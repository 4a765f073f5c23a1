/// Marks documents deleted in the segments that hold them, loading each segment once per
/// batch, and drops segments left with no live document.
struct TombstoneEditor {
    private struct Editable {
        var baseDoc: Int64
        var docCount: Int
        var norms: [UInt8]
        var deletions: [UInt8]
        var deletedCount: Int
        /// The bitset as committed, to tell which deletions this batch made.
        let original: [UInt8]
        var changed = false

        init(baseDoc: Int64, docCount: Int, norms: [UInt8], deletions: [UInt8], deletedCount: Int) {
            self.baseDoc = baseDoc
            self.docCount = docCount
            self.norms = norms
            self.deletions = deletions
            self.deletedCount = deletedCount
            self.original = deletions
        }
    }

    private let db: SQLiteConnection
    private let newSegmentBase: Int64
    private var segments: [Int64: Editable] = [:]
    private var pendingInNewSegment: [Int] = []

    init(db: SQLiteConnection, newSegmentBase: Int64) {
        self.db = db
        self.newSegmentBase = newSegmentBase
    }

    mutating func delete(_ docID: Int64) throws {
        if docID >= newSegmentBase {
            // Replaced twice in one batch: the old copy is in the segment being built.
            pendingInNewSegment.append(Int(docID - newSegmentBase))
            return
        }
        if let (id, _) = segments.first(where: { $0.value.baseDoc <= docID && docID < $0.value.baseDoc + Int64($0.value.docCount) }) {
            mark(segmentID: id, local: Int(docID - segments[id]!.baseDoc))
            return
        }
        let find = try db.prepare("""
            SELECT id, base_doc, doc_count, norms, deletions, deleted_count FROM segments
            WHERE base_doc <= ? ORDER BY base_doc DESC LIMIT 1
            """).bind(.integer(docID))
        guard try find.step() else { return }  // its segment is already gone
        let id = find.int64(0)
        let segment = Editable(baseDoc: find.int64(1), docCount: find.int(2), norms: find.blob(3),
                               deletions: find.blob(4), deletedCount: find.int(5))
        guard docID < segment.baseDoc + Int64(segment.docCount) else { return }
        segments[id] = segment
        mark(segmentID: id, local: Int(docID - segment.baseDoc))
    }

    mutating func registerNewSegment(id: Int64, docCount: Int, norms: [UInt8]) {
        segments[id] = Editable(baseDoc: newSegmentBase, docCount: docCount, norms: norms,
                                deletions: [UInt8](repeating: 0, count: (docCount + 7) / 8), deletedCount: 0)
        for local in pendingInNewSegment { mark(segmentID: id, local: local) }
    }

    private mutating func mark(segmentID: Int64, local: Int) {
        guard var segment = segments[segmentID] else { return }
        let bit: UInt8 = 1 << UInt8(local & 7)
        guard segment.deletions[local >> 3] & bit == 0 else { return }
        segment.deletions[local >> 3] |= bit
        segment.deletedCount += 1
        segment.changed = true
        segments[segmentID] = segment
    }

    /// Writes changed segments back; returns the field lengths of the documents removed.
    mutating func flush() throws -> [Int64] {
        var removed = [Int64](repeating: 0, count: IndexField.count)
        let update = try db.prepare("UPDATE segments SET deletions = ?, deleted_count = ? WHERE id = ?")
        let dropSegment = try db.prepare("DELETE FROM segments WHERE id = ?")
        let dropPostings = try db.prepare("DELETE FROM postings WHERE segment_id = ?")
        for (id, segment) in segments where segment.changed {
            let info = try SegmentInfo(id: id, baseDoc: segment.baseDoc, docCount: segment.docCount,
                                       deletedCount: segment.deletedCount, norms: segment.norms, deletions: segment.deletions)
            for local in 0..<segment.docCount where info.isDeleted(local) && segment.original[local >> 3] & (1 << UInt8(local & 7)) == 0 {
                for field in IndexField.allCases { removed[field.rawValue] += Int64(info.fieldLength(local, field)) }
            }
            if segment.deletedCount == segment.docCount {
                try dropSegment.reset().bind(.integer(id)).run()
                try dropPostings.reset().bind(.integer(id)).run()
            } else {
                try update.reset().bind(.blob(segment.deletions), .int(segment.deletedCount), .integer(id)).run()
            }
        }
        return removed
    }
}
