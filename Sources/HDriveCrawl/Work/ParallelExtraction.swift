import Dispatch
import Foundation
import HDriveCore

/// Runs extractions on dedicated threads, never on Swift's cooperative pool: parsers block on
/// file reads (slow on a network share) and burn CPU. At most `threads` run at once, and each
/// thread takes the next input when it is done with one, so a slow PDF holds up one thread,
/// not a fixed share of the batch.
enum ParallelExtraction {
    /// Starts `body` over the inputs on `threads` threads of their own and returns at once, so
    /// the caller can do other work (add the previous chunk's documents) meanwhile.
    /// `permits`, shared between calls, bounds the inputs worked on at once across all of them.
    static func start<Input: Sendable, Output: Sendable>(_ inputs: [Input], threads: Int, permits: DispatchSemaphore? = nil,
                                                         _ body: @escaping @Sendable (Input) -> Output) -> Running<Input, Output> {
        let running = Running(inputs, permits, body)
        running.spawn(min(threads, inputs.count))
        return running
    }

    /// Extractions under way; `wait` returns their outputs in input order.
    final class Running<Input: Sendable, Output: Sendable>: @unchecked Sendable {
        private let inputs: [Input]
        private let body: @Sendable (Input) -> Output
        private let results: ResultSlots<Output>
        private let next = NextIndex()
        private let finished = DispatchGroup()
        private let permits: DispatchSemaphore?

        init(_ inputs: [Input], _ permits: DispatchSemaphore?, _ body: @escaping @Sendable (Input) -> Output) {
            self.inputs = inputs
            self.permits = permits
            self.body = body
            results = ResultSlots(count: inputs.count)
        }

        // Threads of our own rather than dispatch's pool, whose width dispatch decides: a
        // batch of files on a slow share should really be read `threads` at a time.
        fileprivate func spawn(_ count: Int) {
            for _ in 0..<max(count, 0) {
                finished.enter()
                Thread { [self] in
                    Thread.current.name = "hdrive-extract"
                    work()
                    finished.leave()
                }.start()
            }
        }

        private func work() {
            while let index = next.claim(below: inputs.count) {
                permits?.wait()
                results.set(index, body(inputs[index]))
                permits?.signal()
            }
        }

        func wait() -> [Output] {
            finished.wait()
            return results.values
        }
    }
}

/// Hands out 0, 1, 2, ... once each, to whichever thread asks first.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func claim(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// Each slot is written by exactly one thread, and read after all threads joined.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Value) { slots[index] = value }
    var values: [Value] { slots.map { $0! } }
}
