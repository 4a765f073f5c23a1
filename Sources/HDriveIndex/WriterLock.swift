#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One writer per data directory across processes: `hdrive index` and `hdrive serve` must not
/// interleave batches. An flock on a file beside the database, released when the process dies.
public final class WriterLock {
    public static let fileName = "writer.lock"
    private let fd: Int32

    /// Takes the lock or throws naming the process that holds it.
    public init(directory: String) throws {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + WriterLock.fileName
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw IndexError("cannot open \(path): \(String(cString: strerror(errno)).lowercased())")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = WriterLock.holder(directory: directory).map { " (pid \($0))" } ?? ""
            close(fd)
            throw WriterLockHeld(directory: directory, holder: holder)
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { close(fd) }

    /// The pid written by the holder, if any process holds the lock now.
    public static func holder(directory: String) -> Int32? {
        let path = directory + "/" + fileName
        let probe = open(path, O_RDONLY | O_CLOEXEC)
        guard probe >= 0 else { return nil }
        defer { close(probe) }
        if flock(probe, LOCK_SH | LOCK_NB) == 0 {
            flock(probe, LOCK_UN)
            return nil
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// Another process writes the index; it is not an error for a timer that finds the daemon at work.
public struct WriterLockHeld: Error, CustomStringConvertible, Sendable {
    public var directory: String
    public var holder: String

    public var description: String {
        "another hdrive process\(holder) is already writing the index in \(directory); let it finish or stop it"
    }
}
