@testable import HDriveIndex
import Testing

@Suite struct PostingsCacheTests {
    func list(_ bytes: Int) -> PostingList { PostingList(segmentID: 1, docFrequency: 1, data: [UInt8](repeating: 0, count: bytes)) }

    @Test func remembersListsAndAbsences() {
        let cache = PostingsCache(budget: 10_000)
        #expect(cache.lookup(segment: 1, term: "a") == nil)
        cache.store(segment: 1, term: "a", list(100))
        cache.store(segment: 1, term: "b", nil)
        #expect(cache.lookup(segment: 1, term: "a")??.data.count == 100)
        let absent = cache.lookup(segment: 1, term: "b")
        #expect(absent != nil && absent! == nil)
    }

    @Test func staysWithinItsBudgetAndKeepsWhatWasUsedRecently() {
        let cache = PostingsCache(budget: 10_000)
        cache.store(segment: 1, term: "hot", list(1000))
        for n in 0..<40 {
            cache.store(segment: 1, term: "cold\(n)", list(1000))
            _ = cache.lookup(segment: 1, term: "hot")
            #expect(cache.bytes <= 10_000)
        }
        #expect(cache.lookup(segment: 1, term: "hot") != nil)
        #expect(cache.lookup(segment: 1, term: "cold0") == nil)
    }

    @Test func dropsSegmentsThatAreGone() {
        let cache = PostingsCache(budget: 10_000)
        cache.store(segment: 1, term: "a", list(10))
        cache.store(segment: 2, term: "a", list(10))
        cache.retain(only: [2])
        #expect(cache.lookup(segment: 1, term: "a") == nil)
        #expect(cache.lookup(segment: 2, term: "a") != nil)
    }
}

/// Segments by number, in these tests.
extension SegmentKey: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self.init(id: value, baseDoc: 0) }
}
