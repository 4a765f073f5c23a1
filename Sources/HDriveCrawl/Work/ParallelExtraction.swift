import Dispatch
import HDriveCore

/// Runs extractions on dedicated threads, never on Swift's cooperative pool: parsers block on
/// file reads (slow on a network share) and burn CPU. At most `threads` run at once.
enum ParallelExtraction {
    static func run<Input: Sendable, Output: Sendable>(_ inputs: [Input], threads: Int,
                                                       _ body: @Sendable (Input) -> Output) -> [Output] {
        let results = ResultSlots<Output>(count: inputs.count)
        let stripes = min(threads, inputs.count)
        guard stripes > 0 else { return [] }
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            var index = stripe
            while index < inputs.count {
                results.set(index, body(inputs[index]))
                index += stripes
            }
        }
        return results.values
    }
}

/// Each slot is written by exactly one thread, and read after all threads joined.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    var values: [Value] { slots.map { $0! } }
}
