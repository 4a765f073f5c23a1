import Foundation
@testable import HDriveCrawl
import Testing

@Suite struct ParallelExtractionTests {
    /// Counts threads inside the body at once, and the most seen.
    final class Gauge: @unchecked Sendable {
        private let lock = NSLock()
        private var inside = 0
        private(set) var most = 0
        func enter() { lock.withLock { inside += 1; most = max(most, inside) } }
        func leave() { lock.withLock { inside -= 1 } }
    }

    @Test func resultsComeBackInInputOrderWithBoundedConcurrency() {
        let gauge = Gauge()
        let output = ParallelExtraction.start(Array(0..<200), threads: 3) { value in
            gauge.enter()
            usleep(UInt32(value % 7) * 200)
            gauge.leave()
            return value * 2
        }.wait()
        #expect(output == (0..<200).map { $0 * 2 })
        #expect(gauge.most <= 3 && gauge.most >= 2)
    }

    @Test func oneSlowFileHoldsUpOneThreadOnly() {
        // Input 0 takes 1 s; the 99 quick ones must all be done by the other thread meanwhile,
        // where fixed stripes would leave half of them waiting behind the slow one.
        let slowDone = NSLock()
        nonisolated(unsafe) var slowFinished = false
        let quickAfterSlow = NSLock()
        nonisolated(unsafe) var lateQuick = 0
        _ = ParallelExtraction.start(Array(0..<100), threads: 2) { value in
            if value == 0 {
                usleep(1_000_000)
                slowDone.withLock { slowFinished = true }
            } else if slowDone.withLock({ slowFinished }) {
                quickAfterSlow.withLock { lateQuick += 1 }
            }
            return value
        }.wait()
        #expect(lateQuick == 0)
    }

    /// `start` returns while the work runs: here the work waits for the caller, who signals
    /// only once `start` has returned (a blocking start would never return).
    @Test func startReturnsWhileTheWorkRuns() {
        let callerReady = DispatchSemaphore(value: 0)
        let running = ParallelExtraction.start(Array(0..<4), threads: 2) { value in
            if value == 0 { callerReady.wait() }
            return value + 1
        }
        callerReady.signal()
        #expect(running.wait() == [1, 2, 3, 4])
    }

    @Test func noInputsNeedNoThreads() {
        #expect(ParallelExtraction.start([Int](), threads: 2) { $0 }.wait().isEmpty)
    }

    /// Two runs sharing permits work on no more inputs at once than there are permits.
    @Test func sharedPermitsBoundWorkAcrossRuns() {
        let gauge = Gauge()
        let permits = DispatchSemaphore(value: 2)
        let body: @Sendable (Int) -> Int = { value in
            gauge.enter()
            usleep(2_000)
            gauge.leave()
            return value
        }
        let first = ParallelExtraction.start(Array(0..<20), threads: 2, permits: permits, body)
        let second = ParallelExtraction.start(Array(0..<20), threads: 2, permits: permits, body)
        #expect(first.wait() == Array(0..<20) && second.wait() == Array(0..<20))
        #expect(gauge.most == 2)
    }
}
