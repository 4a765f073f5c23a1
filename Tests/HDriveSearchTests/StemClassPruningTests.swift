@testable import HDriveSearch
import HDriveCore
import HDriveIndex
import HDriveText
import Testing

/// Forms of one stem bounded by their class (`StemBoundList`) skip more, and rank exactly as
/// the exhaustive scorer does.
@Suite struct StemClassPruningTests {
    /// Three segments of 400 documents where "cell" and "cells" are both common.
    static func makeIndex() throws -> TemporaryDirectory {
        var seed = Generator(state: 7)
        let words = ["cell", "cells", "celled", "the", "budget", "plan"]
        return try segmentedIndex(segments: 3, perSegment: 400) { n in
            let body = (0..<Int(seed.next() % 30 + 1)).map { _ in words[Int(seed.next() % UInt64(words.count))] }
            return IndexableDocument(name: "f\(n)", path: "", title: n % 19 == 0 ? "cells" : nil,
                                     body: body.joined(separator: " "), author: nil, metadataJSON: nil)
        }
    }

    @Test func classesSkipMoreAndRankExactly() throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        let stemmers = Stemmers()
        try reader.read { snapshot in
            let deadline = Deadline(milliseconds: 60_000)
            let groups = [TermGroup(word: "cell", members: [("cell", 1.0), ("cells", 1.0), ("celled", 0.6)])]
            let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
                .score(groups: groups, required: [true], deadline: deadline)
            for count in [1, 3, 10] {
                // Block bounds, not impact lists: classes bound blocks.
                var withClasses = TopKScorer(scoring: .standard, snapshot: snapshot)
                withClasses.usesImpactLists = false
                withClasses.englishStem = { stemmers.stem($0, in: .english) ?? $0 }
                let classed = try withClasses.run(groups: groups, required: [true], count: count, exactTotalUpTo: 0, deadline: deadline)
                var byForm = TopKScorer(scoring: .standard, snapshot: snapshot)
                byForm.usesImpactLists = false
                let formByForm = try byForm.run(groups: groups, required: [true], count: count, exactTotalUpTo: 0, deadline: deadline)
                let expected = TopK.select(exhaustive, count: count)
                #expect(classed.top.map(\.docID) == expected.map(\.docID), "top \(count)")
                for (a, b) in zip(classed.top, expected) { #expect(abs(a.score - b.score) < 1e-9) }
                // Fewer documents counted: more runs of documents were passed over unread.
                #expect(classed.total < formByForm.total, "top \(count): \(classed.total) against \(formByForm.total)")
            }
        }
    }
}
