import Foundation
import HDriveCore
@testable import HDriveIndex
import Testing

@Suite struct MergePolicyTests {
    func segments(_ sizes: [Int], deleted: [Int]? = nil) -> [MergePolicy.Segment] {
        sizes.enumerated().map { MergePolicy.Segment(id: Int64($0.offset + 1), docCount: $0.element, deletedCount: deleted?[$0.offset] ?? 0) }
    }

    @Test func aFullTierOfSmallSegmentsIsMerged() {
        let policy = MergePolicy()
        #expect(policy.nextMerge(segments(Array(repeating: 10, count: 7))) == nil)
        #expect(policy.nextMerge(segments(Array(repeating: 10, count: 8))) == Array(1...8).map(Int64.init))
    }

    @Test func segmentsOfDifferentSizesAreNotMergedTogether() {
        #expect(MergePolicy().nextMerge(segments([10, 20, 30, 5000, 6000, 100_000, 40, 50])) == nil)
    }

    @Test func aMostlyDeletedSegmentIsRewrittenAlone() {
        #expect(MergePolicy().nextMerge(segments([100, 100], deleted: [10, 40])) == [2])
    }
}

@Suite struct SegmentMergeTests {
    @Test func mergingKeepsEveryLiveDocumentAndDropsTombstones() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try segmentedStore(in: dir, batches: 10, files: 5) { n in "common word\(n) \(n % 2 == 0 ? "even" : "odd")" }
        var deletions = IndexBatch()
        let catalog = try store.catalog(rootID: root.id)
        for n in stride(from: 0, to: 50, by: 3) { deletions.delete(fileID: catalog[RawPath("f\(n).txt")]!.fileID) }
        try store.commit(deletions)
        let reader = try IndexReader(directory: dir.path)
        let before = try reader.read { snapshot in (try snapshot.postings(for: "even").count, snapshot.segments.count) }
        #expect(before.1 == 10)
        let evenBefore = try reader.liveDocuments(with: "even").count
        let average = try reader.read { $0.averageLength(.body) }

        store.mergePolicy = MergePolicy()
        try store.mergeSegments()

        let status = try store.status()
        #expect(status.segments == 3)  // eight merged into one, two left alone
        #expect(status.deletedDocuments == 2)  // reclaimed but for one in each segment left alone
        #expect(try reader.liveDocuments(with: "even").count == evenBefore)
        #expect(try reader.liveDocuments(with: "common").count == 50 - 17)
        #expect(try reader.liveDocuments(with: "word3").isEmpty)
        #expect(try reader.liveDocuments(with: "word4").count == 1)
        #expect(try reader.read { $0.averageLength(.body) } == average)
        #expect(try store.integrityCheck().isEmpty)
        // A merged file keeps its document: replacing it tombstones the merged copy.
        var replace = IndexBatch()
        replace.put(record(root, "f4.txt", inode: 5), document("replaced"))
        try store.commit(replace)
        #expect(try reader.liveDocuments(with: "word4").isEmpty)
        #expect(try store.integrityCheck().isEmpty)
        _ = before
    }

    /// Schema 9 kept postings by term, then segment; schema 10 regroups them by segment, and a
    /// merge then reads each source's rows in term order and merges the runs.
    @Test func postingsKeptByTermAreRegroupedBySegmentAndStillMerge() throws {
        let dir = TemporaryDirectory()
        let words = ["alfa", "zulu", "mike", "naïef", "2008", "bz", "zz", "a"]
        // Each segment holds some of the words, so the runs interleave and end unevenly.
        _ = try segmentedStore(in: dir, batches: 4, files: 3) { n in
            words.enumerated().filter { ($0.offset + n) % 3 != 0 }.map(\.element).joined(separator: " ") + " only\(n / 3)"
        }
        let path = dir.path + "/hdrive.db"
        try runSQLite(path, """
            CREATE TABLE old(term TEXT NOT NULL, segment_id INTEGER NOT NULL, doc_freq INTEGER NOT NULL, data BLOB NOT NULL,
                             PRIMARY KEY(term, segment_id)) WITHOUT ROWID;
            INSERT INTO old SELECT term, segment_id, doc_freq, data FROM postings;
            DROP TABLE postings; ALTER TABLE old RENAME TO postings; PRAGMA user_version = 9;
            """)
        let terms = ["alfa", "zulu", "mike", "naief", "2008", "bz", "zz", "a", "only0", "only3"]
        let store = try IndexStore(directory: dir.path)
        store.mergePolicy.segmentsPerTier = 1_000
        let layout = try store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'postings'")
        #expect(try layout.step() && layout.text(0)?.contains("PRIMARY KEY(segment_id, term)") == true)
        let reader = try IndexReader(directory: dir.path)
        let before = try terms.map { try reader.liveDocuments(with: $0) }
        #expect(before.allSatisfy { !$0.isEmpty })
        #expect(try store.integrityCheck().isEmpty)

        store.mergePolicy = MergePolicy()
        store.mergePolicy.segmentsPerTier = 2
        try store.mergeSegments()
        #expect(try store.status().segments == 1)
        #expect(try terms.map { try reader.liveDocuments(with: $0) } == before)
        #expect(try reader.read { snapshot in try terms.map { try snapshot.documentFrequency(of: $0) } } == before.map(\.count))
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func segmentsBackToBackWithoutDeletionsAreMergedInPlaceWithTheirPositions() throws {
        let dir = TemporaryDirectory()
        // Enough documents per term for several posting blocks, and phrases to check positions.
        let (store, _) = try segmentedStore(in: dir, batches: 8, files: 70) { n in
            "common word\(n) " + String(repeating: "budget review ", count: 1 + n % 3)
        }
        let reader = try IndexReader(directory: dir.path)
        /// Every posting of "review": global id and body positions.
        func reviews() throws -> [(Int64, [UInt32])] {
            try reader.read { snapshot in
                try snapshot.postings(for: "review").flatMap { segment, list in
                    var cursor = try list.cursor()
                    var found: [(Int64, [UInt32])] = []
                    while try cursor.next() { found.append((segment.baseDoc + Int64(cursor.doc), try cursor.positions(in: .body))) }
                    return found
                }
            }
        }
        let before = try reviews()
        let nextDoc = try store.db.scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_doc_id'")

        store.mergePolicy = MergePolicy()
        try store.mergeSegments()

        #expect(try store.status().segments == 1)
        // Nothing was renumbered: the same ids, and no ids used up.
        #expect(try store.db.scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_doc_id'") == nextDoc)
        let after = try reviews()
        #expect(after.count == 560)
        #expect(after.map(\.0) == before.map(\.0))
        #expect(after.map(\.1) == before.map(\.1))
        #expect(try store.integrityCheck().isEmpty)
        #expect(try reader.read { try $0.storedDocument(nextDoc! - 1)?.body }?.hasPrefix("common word559") == true)
    }
}

/// A store with one root whose merge policy lets segments pile up: `batches` commits of `files`
/// files each, file n ("f<n>.txt") holding `body(n)`.
func segmentedStore(in dir: TemporaryDirectory, batches: Int, files: Int,
                    body: (Int) -> String) throws -> (store: IndexStore, root: RootRecord) {
    let store = try IndexStore(directory: dir.path)
    store.mergePolicy.segmentsPerTier = 1_000
    let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
    for batchNumber in 0..<batches {
        var batch = IndexBatch()
        for file in 0..<files {
            let n = batchNumber * files + file
            batch.put(record(root, "f\(n).txt", inode: UInt64(n + 1)), document(body(n)))
        }
        try store.commit(batch)
    }
    return (store, root)
}
