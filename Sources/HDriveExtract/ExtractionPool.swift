import Foundation
import HDriveCore

/// A fixed number of threads of its own that run extractions for async callers.
///
/// Extraction blocks (file reads on a network share, libxml2, zlib, waiting on helper
/// programs) and may take seconds: run on Swift's cooperative pool it would starve every
/// other task of its few threads. Callers here suspend instead, and at most `threads`
/// files are extracted at once, however many callers wait.
public final class ExtractionPool: @unchecked Sendable {
    public let extractor: Extractor
    public let threadCount: Int
    /// Guards `jobs` and `stopping`; threads sleep on it while there is no work.
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopping = false
    private var running: Int

    public init(extractor: Extractor, threads: Int) {
        self.extractor = extractor
        threadCount = max(1, threads)
        running = threadCount
        for index in 0..<threadCount {
            // Named from inside: on Linux a name set before start() never reaches the thread,
            // and only 15 bytes of it are kept.
            Thread {
                Thread.current.name = "extract-\(index)"
                self.work()
            }.start()
        }
    }

    /// Extracts the file at `path` on one of the pool's threads.
    public func extract(fileAt path: RawPath) async -> ExtractionResult {
        await run { extractor in extractor.extract(fileAt: path) }
    }

    /// Runs `body` with the pool's extractor on one of its threads.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Extractor) -> T) async -> T {
        await withCheckedContinuation { continuation in
            let extractor = self.extractor
            enqueue { continuation.resume(returning: body(extractor)) }
        }
    }

    /// Lets queued work finish, then ends the threads (which hold the pool until then).
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func enqueue(_ job: @escaping () -> Void) {
        condition.lock()
        precondition(!stopping, "ExtractionPool used after shutdown()")
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            guard !jobs.isEmpty else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
