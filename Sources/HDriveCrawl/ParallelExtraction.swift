import Dispatch
import HDriveCore
import HDriveExtract

/// Runs extractions on dedicated threads, never on Swift's cooperative pool: parsers block on
/// file reads (slow on a network share) and burn CPU.
enum ParallelExtraction {
    static func run(_ files: [WalkedFile], root: RawPath, extractor: Extractor, threads: Int) -> [ExtractionResult] {
        let results = ResultSlots(count: files.count)
        let stripes = min(threads, files.count)
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            var index = stripe
            while index < files.count {
                results.set(index, extractor.extract(fileAt: root.appending(files[index].relativePath)))
                index += stripes
            }
        }
        return results.values
    }
}

/// Each slot is written by exactly one thread, and read after all threads joined.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [ExtractionResult?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: ExtractionResult) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    var values: [ExtractionResult] {
        slots.map { $0 ?? .failure(ExtractionFailure(.unreadable, "not extracted")) }
    }
}
