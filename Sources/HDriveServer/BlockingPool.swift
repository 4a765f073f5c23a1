import Dispatch
import Foundation
import HDriveIndex

/// Index readers and the threads that use them. SQLite calls block, so they run here and
/// never on an event loop or Swift's cooperative pool.
final class BlockingPool: Sendable {
    private let readers: [IndexReader]
    private let queue = DispatchQueue(label: "hdrive.search", attributes: .concurrent)
    private let next = LockedCounter()

    init(directory: String, count: Int) throws {
        readers = try IndexReader.pool(directory: directory, count: count)
    }

    /// Runs `body` with a reader on a search thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (IndexReader) throws -> T) async throws -> T {
        let reader = readers[next.increment() % readers.count]
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(reader) }) }
        }
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value &+= 1
        return value & Int.max
    }
}
