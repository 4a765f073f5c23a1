@testable import HDriveSearch
import HDriveIndex
import Testing

/// A phrase match is scored where it is found, from the frequencies its cursors stand on: the
/// score must be what scoring each of its words alone gives that document.
@Suite struct PhraseTests {
    @Test func aPhraseScoresAsItsWordsScoreAlone() throws {
        let (dir, reader) = try QueryLanguageTests.makeIndex()
        defer { _ = dir }
        try reader.read { snapshot in
            let deadline = Deadline(milliseconds: 60_000)
            let scorer = TermAtATimeScorer(scoring: .standard, snapshot: snapshot)
            let matcher = PhraseMatcher(snapshot: snapshot, scorer: scorer, deadline: deadline)
            for (terms, field) in [(["budget", "review"], nil), (["quarterly", "budget"], nil), (["review", "the", "budget"], nil),
                                   (["quarterly", "review"], IndexField.title), (["the", "quarterly", "budget", "review"], nil)] as [([String], IndexField?)] {
                let found = try matcher.matches(terms, field: field)
                #expect(found.count == 1, "\(terms)")
                var distinct: [String] = []
                for term in terms where !distinct.contains(term) { distinct.append(term) }
                for (doc, score) in found {
                    let alone = try distinct.map { try scorer.matches(TermGroup(word: $0, members: [($0, 1.0)]), field: field, deadline: deadline)[doc] }
                    #expect(alone.allSatisfy { $0 != nil })
                    #expect(abs(score - alone.compactMap { $0 }.reduce(0, +)) < 1e-12, "\(terms)")
                }
            }
            #expect(try matcher.matches(["budget", "quarterly", "review"], field: nil).isEmpty)
            #expect(try matcher.matches(["quarterly", "review"], field: .body).isEmpty)
        }
    }
}
