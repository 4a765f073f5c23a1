@testable import HDriveSearch
import Testing

@Suite struct ResultOrderTests {
    /// Keeping the best so far gives the first `count` of a full sort by key, then score, then
    /// id, whatever the ties (many keys and scores are equal here).
    @Test func selectionEqualsSortingEverything() {
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        for _ in 0..<200 {
            let documents = (0..<next(300)).map { ScoredDocument(docID: Int64($0 * 7 % 307), score: Double(next(4)) / 2) }
            let keys = Dictionary(documents.map { ($0.docID, next(5)) }, uniquingKeysWith: { a, _ in a })
            for count in [1, 10, 50, 400] {
                for descending in [true, false] {
                    let before: (Int, Int) -> Bool = descending ? { $0 > $1 } : { $0 < $1 }
                    let sorted = documents.sorted { a, b in
                        let (x, y) = (keys[a.docID]!, keys[b.docID]!)
                        if x != y { return before(x, y) }
                        return a.score != b.score ? a.score > b.score : a.docID < b.docID
                    }
                    let selected = ResultOrder.select(documents, count: count, key: { keys[$0.docID]! }, before: before)
                    #expect(selected == Array(sorted.prefix(count)))
                }
            }
        }
    }
}
