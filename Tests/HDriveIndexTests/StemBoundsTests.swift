import HDriveCore
@testable import HDriveIndex
import Testing

/// A stem class's bound of each range is the largest weighted frequency of its forms' sum in
/// any document of the range: never below (a search would skip a document that belongs on the
/// page), and no looser than rounding up to a Float.
@Suite struct StemBoundsTests {
    static func index(documents: Int, in dir: TemporaryDirectory) throws -> IndexStore {
        let store = try IndexStore(directory: dir.path)
        store.mergePolicy.segmentsPerTier = 1_000
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var generator = SystemRandomNumberGenerator()
        var batch = IndexBatch()
        for n in 0..<documents {
            let words = ["cell", "cells", "celled", "budget", "the"]
            let body = (0..<Int.random(in: 1...30, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            batch.put(record(root, "f\(n).txt", inode: UInt64(n + 1)),
                      IndexableDocument(name: "f\(n)", path: "", title: n % 13 == 0 ? "cells" : nil,
                                        body: body.joined(separator: " "), author: nil, metadataJSON: nil))
        }
        try store.commit(batch)
        return store
    }

    @Test func eachRangeIsBoundedByItsBestDocument() throws {
        let dir = TemporaryDirectory()
        let store = try Self.index(documents: 700, in: dir)
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let classes = try snapshot.stemBounds(for: "cell")
            #expect(classes.count == 1)
            // One form alone is bounded by its own blocks: no class.
            #expect(try snapshot.stemBounds(for: "budget").isEmpty)
            let (segment, list) = try #require(classes.first)
            var sums = [Int: FieldFrequencies]()
            for form in ["cell", "cells", "celled"] {
                for (listSegment, postings) in try snapshot.postings(for: form) where listSegment.id == segment.id {
                    try postings.forEach { local, frequencies in sums[local, default: FieldFrequencies()] &+= frequencies }
                }
            }
            var best = [Int: Double]()
            for (local, frequencies) in sums {
                var lengths = FieldFrequencies()
                for field in IndexField.allCases { lengths[field.rawValue] = segment.fieldLength(local, field) }
                let weighted = ScoreBounds.weighted(frequencies: frequencies, lengths: lengths, references: list.references)
                let (bound, last) = try #require(list.bound(at: local))
                #expect(Double(bound) >= weighted, "document \(local)")
                #expect(last == (local / StemBoundList.rangeSize + 1) * StemBoundList.rangeSize - 1)
                best[local / StemBoundList.rangeSize] = max(best[local / StemBoundList.rangeSize] ?? 0, weighted)
            }
            for (range, weighted) in best {
                let bound = Double(try #require(list.bound(at: range * StemBoundList.rangeSize)).bound)
                #expect(bound <= Double(Float(weighted).nextUp), "range \(range)")
            }
            #expect(list.bound(at: (700 / StemBoundList.rangeSize + 1) * StemBoundList.rangeSize) == nil)
        }
        _ = store
    }

    @Test func classesGoWithTheirSegment() throws {
        let dir = TemporaryDirectory()
        let store = try Self.index(documents: 300, in: dir)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var more = IndexBatch()
        for n in 300..<600 {
            more.put(record(root, "f\(n).txt", inode: UInt64(n + 1)), document(String(repeating: "cell cells ", count: n % 5 + 1)))
        }
        try store.commit(more)
        #expect(try store.db.scalar("SELECT count(DISTINCT segment_id) FROM stem_bounds WHERE stem = 'cell'") == 2)
        #expect(try store.integrityCheck().isEmpty)
        // A class cut short, or left behind by its segment, is named.
        try store.db.execute("UPDATE stem_bounds SET data = substr(data, 1, 24) WHERE segment_id = 1 AND stem = 'cell'")
        try store.db.execute("INSERT INTO stem_bounds(segment_id, stem, data) VALUES (99, 'x', x'00')")
        #expect(try store.integrityCheck() == ["segment 1: the stem class cell does not cover its documents", "stem class x of a missing segment 99"])
        // A search refuses it too, rather than passing over documents it never bounded.
        let reader = try IndexReader(directory: dir.path)
        #expect(throws: IndexError.self) { try reader.read { try $0.stemBounds(for: "cell") } }
        try store.db.execute("DELETE FROM stem_bounds WHERE segment_id = 99")
        try store.db.execute("DELETE FROM stem_bounds WHERE segment_id = 1")
        // Merged: the class is written again for the merged segment only.
        store.mergePolicy = MergePolicy()
        store.mergePolicy.segmentsPerTier = 2
        try store.mergeSegments()
        #expect(try store.db.scalar("SELECT count(*) FROM segments") == 1)
        #expect(try store.db.scalar("SELECT count(*) FROM stem_bounds WHERE segment_id NOT IN (SELECT id FROM segments)") == 0)
        #expect(try store.db.scalar("SELECT count(*) FROM stem_bounds WHERE stem = 'cell'") == 1)
        // Every document deleted: the segment and its classes are dropped.
        var removal = IndexBatch()
        for n in 0..<600 { removal.delete(fileID: Int64(n + 1)) }
        try store.commit(removal)
        #expect(try store.db.scalar("SELECT count(*) FROM stem_bounds") == 0)
    }
}
