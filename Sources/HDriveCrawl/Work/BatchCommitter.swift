import Foundation
import HDriveIndex

/// Commits one batch at a time on a thread of its own, so that the drain extracts the next
/// batch while SQLite writes this one. Each batch is still one transaction holding its paths'
/// removal from the work queue, so a crash loses or repeats nothing.
final class BatchCommitter: @unchecked Sendable {
    private let store: IndexStore
    private let storeLock: NSLock
    /// Signalled when the commit in flight is done; nil when none is.
    private var running: DispatchSemaphore?
    /// Set by the commit's thread while it works, under `busyLock`.
    private var busy = false
    private let busyLock = NSLock()
    /// Written by the commit's thread before it signals, read after the wait.
    private var failure: (any Error)?

    init(store: IndexStore, storeLock: NSLock) {
        self.store = store
        self.storeLock = storeLock
    }

    /// Starts committing `batch`; the previous commit must have been waited for.
    func start(_ batch: IndexBatch) {
        precondition(running == nil, "one commit at a time")
        let done = DispatchSemaphore(value: 0)
        running = done
        busyLock.withLock { busy = true }
        Thread { [self] in
            // Named for profilers and `top -H`.
            Thread.current.name = "hdrive-commit"
            do {
                // Sorting and encoding the segment's lists needs no store: done here, before the
                // lock, it keeps the store free for planning and leaves the drain's thread to
                // extraction (sealed there, a first crawl's extraction waited 1 s in all). A
                // batch the drain sealed while it waited for this thread is sealed already.
                var batch = batch
                batch.sealSegment()
                try storeLock.withLock { try store.commit(batch) }
            } catch {
                failure = error
            }
            busyLock.withLock { busy = false }
            done.signal()
        }.start()
    }

    /// Whether a commit is still at work; the drain then seals its batch itself rather than wait.
    var isBusy: Bool { busyLock.withLock { busy } }

    /// Waits for the commit in flight, if any, and throws its error.
    func wait() throws {
        guard let running else { return }
        running.wait()
        self.running = nil
        if let failure {
            self.failure = nil
            throw failure
        }
    }
}
