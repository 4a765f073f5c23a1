#if canImport(Glibc)
import Glibc
#endif

/// Which errors are worth trying again, and when. A network share that hiccups (EIO, ESTALE,
/// ETIMEDOUT, ENOTCONN, EAGAIN) usually answers a little later; a file that failed for any
/// other reason is remembered with its stat and not tried again until it changes.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    public var firstDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, firstDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    static let transientCodes: Set<Int32> = [EIO, ESTALE, ETIMEDOUT, ENOTCONN, EAGAIN, EINTR, EHOSTDOWN, EHOSTUNREACH]

    static func isTransient(_ code: Int32) -> Bool { transientCodes.contains(code) }

    /// True when an extraction failure message names a transient errno (the extractor
    /// reports errors as strerror text).
    static func isTransient(message: String) -> Bool {
        let lowered = message.lowercased()
        return transientCodes.contains { lowered.contains(Errno.describe($0)) }
    }

    public enum Decision: Equatable, Sendable {
        /// Try again after this delay.
        case retry(after: Duration)
        /// Stop trying; record the failure.
        case giveUp
    }

    /// After the `attempts`-th try failed transiently: exponential backoff up to `maxDelay`.
    public func decide(afterAttempts attempts: Int) -> Decision {
        guard attempts < maxAttempts else { return .giveUp }
        var delay = firstDelay
        for _ in 1..<max(1, attempts) { delay = min(delay * 2, maxDelay) }
        return .retry(after: min(delay, maxDelay))
    }
}
