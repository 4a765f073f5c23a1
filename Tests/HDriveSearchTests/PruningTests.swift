@testable import HDriveSearch
import Foundation
import HDriveCore
import HDriveIndex
import Testing

/// Pruned document-at-a-time scoring must return exactly the top of the exhaustive ranking.
@Suite struct PruningTests {
    static let vocabulary = ["the", "budget", "review", "begroting", "water", "schap", "plan", "rare", "zeldzaam", "een"]

    /// 1,200 documents over a small vocabulary, in 4 segments of 300 (blocks of 128 inside).
    static func makeIndex() throws -> TemporaryDirectory {
        var seed = Generator(state: 11)
        return try segmentedIndex(segments: 4, perSegment: 300) { n in
            let (segment, file) = (n / 300, n % 300)
            // Later segments hold longer documents: averages outgrow the first segments' references.
            let length = Int(seed.next() % 40) + 1 + segment * 25
            var body = (0..<length).map { _ in Self.vocabulary[Int(seed.next() % UInt64(Self.vocabulary.count)) % (seed.next() % 3 == 0 ? 3 : 10)] }
            // A rare word at both ends of every segment: its list there is one block spanning it.
            if file == 0 || file == 299 || file % 71 == 0 { body.append("uniek") }
            // Another, sharing some of those documents: short members merge into one run.
            if file == 0 || file % 50 == 0 || file % 71 == 0 { body += ["apart", "apart"] }
            return IndexableDocument(name: "f\(n)", path: "", title: n % 17 == 0 ? "budget" : nil,
                                     body: body.joined(separator: " "), author: nil, metadataJSON: nil)
        }
    }

    /// The searcher reports a skipping search's total as a lower bound, with the same hits;
    /// asked for facets, it counts every match. One hit: blocks without a rival to the best document are skipped.
    @Test func aSearchThatSkipsSaysItsTotalIsALowerBound() throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        var counting = Searcher.Configuration()
        counting.exactTotalUpTo = .max
        var skipping = Searcher.Configuration()
        skipping.exactTotalUpTo = 0
        let exact = try Searcher(configuration: counting).search(SearchRequest(query: "the", limit: 1), in: reader)
        let pruned = try Searcher(configuration: skipping).search(SearchRequest(query: "the", limit: 1), in: reader)
        let faceted = try Searcher(configuration: skipping).search(SearchRequest(query: "the", limit: 1, facets: true), in: reader)
        #expect(exact.totalIsExact && faceted.totalIsExact && !pruned.totalIsExact)
        #expect(pruned.total <= exact.total && faceted.total == exact.total, "\(pruned.total) \(exact.total) \(faceted.total)")
        #expect(pruned.hits.map(\.path) == exact.hits.map(\.path) && faceted.hits.map(\.path) == exact.hits.map(\.path))
    }

    /// A word whose group holds a rare form (a list of one block, without block bounds) still
    /// skips: the rare form adds nothing until its next document. Counted as unbounded, it kept
    /// every run of its segment from being skipped.
    @Test func aGroupWithARareFormStillSkips() throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let deadline = Deadline(milliseconds: 60_000)
            for word in ["the", "budget"] {
                let groups = [TermGroup(word: word, members: [(word, 1.0), ("uniek", 1.0)])]
                let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
                    .score(groups: groups, required: [true], deadline: deadline)
                for count in [1, 3, 10] {
                    let pruned = try TopKScorer(scoring: .standard, snapshot: snapshot)
                        .run(groups: groups, required: [true], count: count, exactTotalUpTo: 0, deadline: deadline)
                    let expected = TopK.select(exhaustive, count: count)
                    #expect(pruned.top.map(\.docID) == expected.map(\.docID), "\(word) top \(count)")
                    for (a, b) in zip(pruned.top, expected) { #expect(abs(a.score - b.score) < 1e-9) }
                    if count == 1 { #expect(!pruned.totalIsExact && pruned.total < exhaustive.count, "\(word): \(pruned.total) of \(exhaustive.count)") }
                }
            }
        }
    }

    /// Short members (lists of one block) are merged into one run: each document once, in order,
    /// with the members' weighted frequencies summed where they share one.
    @Test func shortMembersMergeIntoOneRun() throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let uniek = try snapshot.postings(for: "uniek"), apart = try snapshot.postings(for: "apart")
            let bounds = BlockBounds(scoring: .standard, averages: IndexField.allCases.map { snapshot.averageLength($0) })
            for segment in snapshot.segments {
                func cursor(_ lists: [(segment: SegmentInfo, list: PostingList)]) throws -> PostingCursor {
                    try lists.first { $0.segment.id == segment.id }!.list.cursor()
                }
                var expected: [Int: SIMD8<Double>] = [:]
                for (list, weight) in [(try cursor(uniek), 0.6), (try cursor(apart), 0.5)] {
                    #expect(list.blockCount == 1)
                    var list = list
                    while try list.next() { expected[list.doc, default: SIMD8()] += weight * SIMD8<Double>(list.frequencies) }
                }
                var group = try GroupCursor(members: [(try cursor(uniek), 0.6), (try cursor(apart), 0.5)], bounds: bounds,
                                            documents: segment.docCount, readWholeFrom: .max)
                var seen: [Int: SIMD8<Double>] = [:], order: [Int] = []
                try group.advance(to: 0)
                while group.doc != Int.max {
                    seen[group.doc] = group.weightedFrequencies()
                    order.append(group.doc)
                    try group.advance(to: group.doc + 1)
                }
                #expect(order == expected.keys.sorted() && seen == expected)
                #expect(expected.values.contains { $0.sum() > 1.5 }, "some document holds both words (0.6 + 2 × 0.5)")
            }
        }
    }

    /// A group of a common word and two short members ranks as the exhaustive scorer does.
    @Test func aGroupWithShortMembersRanksExactly() throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let deadline = Deadline(milliseconds: 60_000)
            for word in ["the", "budget"] {
                for required in [true, false] {
                    let groups = [TermGroup(word: word, members: [(word, 1.0), ("uniek", 0.6), ("apart", 0.6)]),
                                  TermGroup(word: "plan", members: [("plan", 1.0), ("apart", 0.6)])]
                    let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
                        .score(groups: groups, required: [required, required], deadline: deadline)
                    for count in [1, 10] {
                        let pruned = try TopKScorer(scoring: .standard, snapshot: snapshot)
                            .run(groups: groups, required: [required, required], count: count, exactTotalUpTo: 0, deadline: deadline)
                        let expected = TopK.select(exhaustive, count: count)
                        #expect(pruned.top.map(\.docID) == expected.map(\.docID), "\(word) top \(count)")
                        for (a, b) in zip(pruned.top, expected) { #expect(abs(a.score - b.score) < 1e-9) }
                    }
                }
            }
        }
    }

    /// A group read whole (all its forms summed per document, as a prefix of hundreds of words
    /// is) ranks as the exhaustive scorer does, required or optional, and still skips.
    @Test(arguments: [true, false])
    func groupsReadWholeRankExactly(required: Bool) throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let deadline = Deadline(milliseconds: 60_000)
            let groups = [TermGroup(word: "b*", members: [("budget", 1.0), ("begroting", 1.0), ("uniek", 1.0)]),
                          TermGroup(word: "plan", members: [("plan", 1.0), ("water", 0.6), ("schap", 0.6), ("apart", 0.6)])]
            let flags = [required, required]
            let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot).score(groups: groups, required: flags, deadline: deadline)
            var scorer = TopKScorer(scoring: .standard, snapshot: snapshot)
            scorer.readWholeFrom = 1
            for count in [1, 10] {
                let pruned = try scorer.run(groups: groups, required: flags, count: count, exactTotalUpTo: 0, deadline: deadline)
                let expected = TopK.select(exhaustive, count: count)
                #expect(pruned.top.map(\.docID) == expected.map(\.docID), "top \(count)")
                for (a, b) in zip(pruned.top, expected) { #expect(abs(a.score - b.score) < 1e-9) }
                if count == 1 { #expect(!pruned.totalIsExact, "exact per-document bounds let documents be skipped") }
                let all = try scorer.run(groups: groups, required: flags, count: count, collectMatches: true, deadline: deadline)
                #expect(all.totalIsExact && all.total == exhaustive.count)
            }
        }
    }

    /// `scoreEvery` (for orders other than relevance) returns every match with the exhaustive
    /// scorer's score, nothing pruned, whatever the page size.
    @Test func scoringEveryMatchEqualsTheExhaustiveScorer() throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        try reader.read { snapshot in
            let deadline = Deadline(milliseconds: 60_000)
            for (query, requireAll) in [(["budget"], true), (["the", "review"], true), (["budget", "plan", "een", "the"], false)] {
                let groups = query.map { TermGroup(word: $0, members: [($0, 1.0)]) }
                let required = query.map { _ in requireAll }
                let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot).score(groups: groups, required: required, deadline: deadline)
                let every = try TopKScorer(scoring: .standard, snapshot: snapshot)
                    .run(groups: groups, required: required, count: 1, exactTotalUpTo: 0, scoreEvery: true, deadline: deadline)
                #expect(every.totalIsExact && every.total == exhaustive.count && every.scored.count == exhaustive.count, "\(query)")
                let expected = Dictionary(uniqueKeysWithValues: exhaustive.map { ($0.docID, $0.score) })
                #expect(every.scored.allSatisfy { abs($0.score - (expected[$0.docID] ?? -1)) < 1e-9 }, "\(query)")
            }
        }
    }

    /// A filter (`accepts`) leaves out documents before they are counted or ranked: the top and
    /// the total are the exhaustive ranking's over the documents it accepts.
    @Test(arguments: [Int.max, 0])
    func filteredTopKEqualsTheFilteredExhaustiveRanking(exactTotalUpTo: Int) throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        let accepts: (Int64) -> Bool = { $0 % 3 == 0 }
        for (query, requireAll) in [(["budget"], true), (["the", "review"], true), (["budget", "plan", "een"], false)] {
            try reader.read { snapshot in
                let groups = query.map { TermGroup(word: $0, members: [($0, 1.0)]) }
                let required = query.map { _ in requireAll }
                let deadline = Deadline(milliseconds: 60_000)
                let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
                    .score(groups: groups, required: required, deadline: deadline).filter { accepts($0.docID) }
                let pruned = try TopKScorer(scoring: .standard, snapshot: snapshot)
                    .run(groups: groups, required: required, count: 5, exactTotalUpTo: exactTotalUpTo, accepts: accepts, deadline: deadline)
                #expect(pruned.top.map(\.docID) == TopK.select(exhaustive, count: 5).map(\.docID), "\(query)")
                #expect(pruned.top.allSatisfy { accepts($0.docID) })
                if exactTotalUpTo == .max { #expect(pruned.totalIsExact && pruned.total == exhaustive.count, "\(query)") }
                #expect(pruned.total <= exhaustive.count)
            }
        }
    }

    /// `exactTotalUpTo`: .max counts every match; 0 skips blocks from the start; 50 in between.
    /// Required words are ranked from impact lists (a document found in a common word's by its
    /// bit, or by a search as in a rare word's), and from block bounds (what a ranking other
    /// than the standard one falls back on).
    @Test(arguments: [false, true], [Int.max, 0, 50])
    func prunedTopKEqualsTheExhaustiveRanking(requireAll: Bool, exactTotalUpTo: Int) throws {
        for (usesImpactLists, findsByMembership) in [(true, true), (true, false), (false, false)] {
            try prunedTopKEqualsTheExhaustiveRanking(requireAll: requireAll, exactTotalUpTo: exactTotalUpTo, usesImpactLists: usesImpactLists,
                                                     findsByMembership: findsByMembership)
        }
    }

    func prunedTopKEqualsTheExhaustiveRanking(requireAll: Bool, exactTotalUpTo: Int, usesImpactLists: Bool, findsByMembership: Bool) throws {
        let dir = try Self.makeIndex()
        let reader = try IndexReader(directory: dir.path)
        var skippedSome = false
        for query in [["budget"], ["budget", "review"], ["the", "rare"], ["zeldzaam", "water", "plan"], ["een", "the", "budget", "review"]] {
            try reader.read { snapshot in
                let groups = query.map { TermGroup(word: $0, members: [($0, 1.0)]) }
                let required = query.map { _ in requireAll }
                let deadline = Deadline(milliseconds: 60_000)
                let exhaustive = try TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
                    .score(groups: groups, required: required.map { _ in requireAll }, deadline: deadline)
                for count in [3, 10] {
                    var scorer = TopKScorer(scoring: .standard, snapshot: snapshot)
                    scorer.usesImpactLists = usesImpactLists
                    scorer.findsByMembership = findsByMembership
                    let pruned = try scorer.run(groups: groups, required: required, count: count,
                                                exactTotalUpTo: exactTotalUpTo, deadline: deadline)
                    if pruned.totalIsExact {
                        #expect(pruned.total == exhaustive.count, "\(query)")
                    } else {
                        skippedSome = true
                        #expect(pruned.total >= min(exactTotalUpTo, exhaustive.count) && pruned.total < exhaustive.count, "\(query)")
                    }
                    let expected = TopK.select(exhaustive, count: count)
                    #expect(pruned.top.map(\.docID) == expected.map(\.docID), "\(query) top \(count)")
                    for (a, b) in zip(pruned.top, expected) { #expect(abs(a.score - b.score) < 1e-9) }

                    // Facets want every match's id: then nothing is skipped.
                    let all = try scorer.run(groups: groups, required: required, count: count, collectMatches: true,
                                             exactTotalUpTo: exactTotalUpTo, deadline: deadline)
                    #expect(all.totalIsExact && all.total == exhaustive.count && Set(all.matches) == Set(exhaustive.map(\.docID)))
                    #expect(all.top.map(\.docID) == expected.map(\.docID))
                }
            }
        }
        if exactTotalUpTo == .max { #expect(!skippedSome) }
        // Block bounds skip runs of required words; MaxScore skips documents that only optional
        // words too weak to reach the page hold ("the", "een").
        if exactTotalUpTo == 0 {
            #expect(skippedSome, requireAll ? "block bounds let some run of documents be skipped" : "MaxScore passed over some documents")
        }
    }
}

struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
}
