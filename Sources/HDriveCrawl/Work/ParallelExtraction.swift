import Dispatch
import Foundation
import HDriveCore

/// Runs extractions on dedicated threads, never on Swift's cooperative pool: parsers block on
/// file reads (slow on a network share) and burn CPU. At most `threads` run at once, and each
/// thread takes the next input when it is done with one, so a slow PDF holds up one thread,
/// not a fixed share of the batch.
enum ParallelExtraction {
    static func run<Input: Sendable, Output: Sendable>(_ inputs: [Input], threads: Int,
                                                       _ body: @escaping @Sendable (Input) -> Output) -> [Output] {
        let results = ResultSlots<Output>(count: inputs.count)
        let workers = min(threads, inputs.count)
        guard workers > 0 else { return [] }
        let next = NextIndex()
        // Threads of our own rather than dispatch's pool, whose width dispatch decides: a
        // batch of files on a slow share should really be read `threads` at a time.
        let work: @Sendable () -> Void = {
            while let index = next.claim(below: inputs.count) {
                results.set(index, body(inputs[index]))
            }
        }
        let finished = DispatchGroup()
        for _ in 1..<workers {
            finished.enter()
            Thread {
                Thread.current.name = "hdrive-extract"
                work()
                finished.leave()
            }.start()
        }
        work()
        finished.wait()
        return results.values
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
