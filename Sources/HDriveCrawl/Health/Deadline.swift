import Foundation

/// Runs a call that may block forever (stat or open on a hung NFS or CIFS mount) on a thread
/// of its own and waits for it at most `timeout`.
enum Deadline {
    enum Outcome<T> {
        case finished(T)
        /// Time ran out; the thread is left to finish whenever it can.
        case timedOut(Straggler)
    }

    static func run<T>(_ timeout: Duration?, _ body: @escaping () -> T) -> Outcome<T> {
        guard let timeout else { return .finished(body()) }
        let slot = ResultSlot<T>()
        let straggler = Straggler()
        let done = DispatchSemaphore(value: 0)
        let work = UncheckedBox(body)
        Thread.detachNewThread {
            slot.set(work.value())
            done.signal()
            straggler.finish()
        }
        let nanoseconds = Int(timeout.components.seconds) * 1_000_000_000 + Int(timeout.components.attoseconds / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success, let value = slot.get() else {
            return .timedOut(straggler)
        }
        return .finished(value)
    }

    private final class ResultSlot<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: T?
        func set(_ value: T) { lock.withLock { self.value = value } }
        func get() -> T? { lock.withLock { value } }
    }
}

/// A thread given up on, which may still return some day.
final class Straggler: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var onFinish: (@Sendable () -> Void)?

    func finish() {
        let body = lock.withLock { () -> (@Sendable () -> Void)? in
            finished = true
            defer { onFinish = nil }
            return onFinish
        }
        body?()
    }

    /// Runs `body` when the thread returns (at once if it has).
    func whenFinished(_ body: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            if finished { return true }
            onFinish = body
            return false
        }
        if now { body() }
    }
}

/// Roots with threads still blocked in a file system call after their scan gave up: they are
/// not walked or drained again until those threads return, so a hung mount costs a few
/// threads once, not a few more every pass.
final class StuckRoots: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func contains(_ root: String) -> Bool { lock.withLock { counts[root, default: 0] > 0 } }

    /// Marks `root` stuck until the returned closure has been called.
    func mark(_ root: String) -> @Sendable () -> Void {
        lock.withLock { counts[root, default: 0] += 1 }
        return { [self] in lock.withLock { counts[root, default: 1] -= 1 } }
    }
}
