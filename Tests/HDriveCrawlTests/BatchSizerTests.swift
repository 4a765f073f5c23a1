@testable import HDriveCrawl
import Testing

/// Batches grow while a backlog lasts and fall back to the configured size when it is gone.
@Suite struct BatchSizerTests {
    @Test func fullBatchesDoubleTheNextUpToTheCapAndAShortOneResets() {
        var sizer = BatchSizer(base: 1000, growth: 8)
        var sizes: [Int] = []
        for _ in 0..<5 {
            sizes.append(sizer.current)
            sizer.record(fetched: sizer.current)
        }
        #expect(sizes == [1000, 2000, 4000, 8000, 8000])
        sizer.record(fetched: 12)
        #expect(sizer.current == 1000)
        sizer.record(fetched: 999)
        #expect(sizer.current == 1000)
    }

    @Test func aShortBatchWhileAWalkStillQueuesKeepsTheSize() {
        var sizer = BatchSizer(base: 1000, growth: 16)
        for _ in 0..<3 { sizer.record(fetched: sizer.current) }
        sizer.record(fetched: 5000, backlogGoesOn: true)
        #expect(sizer.current == 8000)
        sizer.record(fetched: 5000)
        #expect(sizer.current == 1000)
    }

    @Test func aBacklogOfOneToTwoBatchesIsSplitThreeToTwo() {
        #expect(BatchSizer.tapered(16000, backlog: 100_000, base: 1000) == 16000)
        #expect(BatchSizer.tapered(16000, backlog: 32000, base: 1000) == 16000)
        #expect(BatchSizer.tapered(16000, backlog: 21000, base: 1000) == 12600)
        // What is left then fits one batch, taken whole.
        #expect(BatchSizer.tapered(16000, backlog: 8400, base: 1000) == 16000)
        #expect(BatchSizer.tapered(16000, backlog: 16000, base: 1000) == 16000)
        #expect(BatchSizer.tapered(1000, backlog: 1500, base: 1000) == 1000)
    }

    @Test func aTaperedBatchFetchedWholeCountsAsFull() {
        var sizer = BatchSizer(base: 1000, growth: 16)
        for _ in 0..<5 { sizer.record(fetched: sizer.current) }
        #expect(sizer.current == 16000)
        sizer.record(fetched: 12600, asked: 12600)
        #expect(sizer.current == 16000)
        sizer.record(fetched: 8400, asked: 16000)
        #expect(sizer.current == 1000)
    }

    @Test func aGrowthOfOneKeepsTheConfiguredSize() {
        var sizer = BatchSizer(base: 3, growth: 1)
        sizer.record(fetched: 3)
        #expect(sizer.current == 3 && sizer.maximum == 3)
    }
}
