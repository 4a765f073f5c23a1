@testable import HDriveIndex
@testable import HDriveSearch
import Foundation
import HDriveCore
import Testing

/// Impact lists (a bound per document on a word group's weighted frequency) and the ranking
/// built on them (`ImpactConjunction`), against the exhaustive scorer.
@Suite struct ImpactListTests {
    /// A group's impact list holds each document of any member once, in order, with a bound no
    /// lower than the members' weighted frequency summed there, and barely above it.
    @Test func anImpactListBoundsEachDocumentOfItsGroup() throws {
        let dir = try PruningTests.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let members: [(term: String, weight: Double)] = [("the", 1.0), ("uniek", 0.6), ("apart", 0.5)]
            for (segment, list) in zip(snapshot.segments, try snapshot.impacts(of: members)) {
                var expected: [Int: Double] = [:]
                for (term, weight) in members {
                    guard let postings = try snapshot.postings(for: term).first(where: { $0.segment.id == segment.id })?.list else { continue }
                    try postings.forEach { doc, frequencies in
                        var lengths = FieldFrequencies()
                        for field in IndexField.allCases { lengths[field.rawValue] = segment.fieldLength(doc, field) }
                        expected[doc, default: 0] += weight * ScoreBounds.weighted(frequencies: frequencies, lengths: lengths,
                                                                                   references: segment.references)
                    }
                }
                let docs = (0..<list.count).map { Int(list.docs[$0]) }
                #expect(docs == expected.keys.sorted())
                for slot in 0..<list.count {
                    let exact = expected[docs[slot]]!, bound = Double(list.bounds[slot])
                    #expect(bound >= exact && bound <= exact * (1 + 1e-6), "doc \(docs[slot]): \(bound) for \(exact)")
                }
                // A common group's list also says by a bit which documents it holds, and their slots.
                #expect((list.membership != nil) == (list.count > 0 && list.count >= segment.docCount / ImpactList.denseDivisor))
                if let membership = list.membership {
                    let slots = Dictionary(uniqueKeysWithValues: docs.enumerated().map { ($1, $0) })
                    for doc in 0..<segment.docCount { #expect(membership.slot(of: Int32(doc)) == slots[doc], "doc \(doc)") }
                }
                #expect(Double(list.maxBound) == expected.values.max().map { Double(Float($0).nextUp) } || list.maxBound >= Float(expected.values.max()!))
            }
        }
    }

    /// Required words beside optional ones (stopwords), over segments with deleted documents,
    /// rank as the exhaustive scorer does, whatever the exact count; past it the total is a
    /// lower bound, and with every match counted it is the exhaustive count.
    @Test(arguments: [Int.max, 0, 50])
    func requiredAndOptionalWordsRankExactly(exactTotalUpTo: Int) throws {
        let dir = try PruningTests.makeIndex()
        let store = try IndexStore(directory: dir.path)
        let root = try #require(try store.roots().first)
        var batch = IndexBatch()
        for (path, entry) in try store.catalog(rootID: root.id) where path.displayString.hasSuffix("7.txt") { batch.delete(fileID: entry.fileID) }
        try store.commit(batch)
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            #expect(snapshot.segments.contains { $0.deletedCount > 0 })
            let deadline = Deadline(milliseconds: 60_000)
            let queries: [([TermGroup], [Bool])] = [
                ([TermGroup(word: "budget", members: [("budget", 1.0)]), TermGroup(word: "the", members: [("the", 1.0)])], [true, false]),
                ([TermGroup(word: "plan", members: [("plan", 1.0), ("apart", 0.6)]), TermGroup(word: "review", members: [("review", 1.0)]),
                  TermGroup(word: "een", members: [("een", 1.0)])], [true, true, false]),
                ([TermGroup(word: "water", members: [("water", 1.0)]), TermGroup(word: "the", members: [("the", 1.0), ("uniek", 0.6)])], [true, true]),
            ]
            // Common words' lists say by a bit which documents they hold; the ranking is checked
            // finding documents that way and by searching the lists.
            let lists = try queries.flatMap { try $0.0.flatMap { try snapshot.impacts(of: $0.members) } }
            #expect(lists.contains { $0.membership != nil })
            for (groups, required) in queries {
                let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
                    .score(groups: groups, required: required, deadline: deadline)
                for (count, findsByMembership) in [1, 3, 10].flatMap({ count in [(count, true), (count, false)] }) {
                    var scorer = TopKScorer(scoring: .standard, snapshot: snapshot)
                    scorer.findsByMembership = findsByMembership
                    let pruned = try scorer.run(groups: groups, required: required, count: count, exactTotalUpTo: exactTotalUpTo, deadline: deadline)
                    let expected = TopK.select(exhaustive, count: count)
                    let words = groups.map(\.word)
                    #expect(pruned.top.map(\.docID) == expected.map(\.docID), "\(words) top \(count)")
                    for (a, b) in zip(pruned.top, expected) { #expect(abs(a.score - b.score) < 1e-9) }
                    #expect(pruned.total <= exhaustive.count)
                    if exactTotalUpTo == .max { #expect(pruned.totalIsExact && pruned.total == exhaustive.count, "\(words)") }
                }
            }
            // With nothing counted exactly, one hit of a common pair lets most documents go unread.
            let pair = queries[2]
            let one = try TopKScorer(scoring: .standard, snapshot: snapshot).run(groups: pair.0, required: pair.1, count: 1, exactTotalUpTo: 0, deadline: deadline)
            let all = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot).score(groups: pair.0, required: pair.1, deadline: deadline)
            #expect(!one.totalIsExact && one.total < all.count / 2, "\(one.total) of \(all.count)")
        }
    }

    /// A searcher keeps each word group's cursors by the group's impact list; it must rank as a
    /// fresh searcher does when the readers drop their impact lists between searches (a list
    /// made anew must not take a kept one's cursors), and after deletions and a new segment.
    @Test func aSearcherKeepingCursorsRanksAsAFreshOne() throws {
        let dir = try PruningTests.makeIndex()
        let queries = ["the budget", "plan review", "water the", "budget", "een schap plan", "review the een"]
        func compare(_ reader: IndexReader, _ kept: Searcher) throws {
            for _ in 0..<3 {
                for query in queries {
                    let request = SearchRequest(query: query, limit: 5)
                    let fresh = try Searcher().search(request, in: reader)
                    let again = try kept.search(request, in: reader)
                    #expect(again.hits.map(\.path) == fresh.hits.map(\.path) && again.hits.map(\.score) == fresh.hits.map(\.score), "\(query)")
                    #expect(again.total == fresh.total, "\(query)")
                }
            }
        }
        let kept = Searcher()
        // An impact-list cache too small to keep any: every search makes its lists anew.
        try compare(IndexReader(directory: dir.path, impactCacheBytes: 1), kept)
        let reader = try IndexReader(directory: dir.path)
        try compare(reader, kept)
        let store = try IndexStore(directory: dir.path)
        let root = try #require(try store.roots().first)
        var batch = IndexBatch()
        for (path, entry) in try store.catalog(rootID: root.id) where path.displayString.hasSuffix("3.txt") { batch.delete(fileID: entry.fileID) }
        try store.commit(batch)
        try compare(reader, kept)
        batch = IndexBatch()
        batch.put(FileRecord(rootID: root.id, path: RawPath("new.txt"),
                             stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: 9_999, mode: 0o100644, uid: 0, gid: 0),
                             type: .text, mimeType: nil, failure: nil),
                  IndexableDocument(name: "new", path: "", title: "budget plan", body: "the budget plan review water", author: nil, metadataJSON: nil))
        try store.commit(batch)
        try compare(reader, kept)
    }
}
