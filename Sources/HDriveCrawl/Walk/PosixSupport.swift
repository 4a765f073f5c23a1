#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

extension FileStat {
    init(_ info: stat) {
        self.init(size: Int64(info.st_size),
                  mtimeNs: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                  ctimeNs: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                  device: UInt64(info.st_dev), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode),
                  uid: UInt32(info.st_uid), gid: UInt32(info.st_gid))
    }
}

extension RawPath {
    var cString: [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }

    /// True when this path is `directory` or lies below it.
    func isInside(_ directory: RawPath) -> Bool {
        guard bytes.count >= directory.bytes.count, bytes.starts(with: directory.bytes) else { return false }
        return bytes.count == directory.bytes.count || directory.isEmpty || bytes[directory.bytes.count] == RawPath.separator
    }

    /// This path with `old` (a prefix directory) replaced by `new`.
    func replacingPrefix(_ old: RawPath, with new: RawPath) -> RawPath {
        guard isInside(old) else { return self }
        let rest = Array(bytes.dropFirst(old.bytes.count).drop { $0 == RawPath.separator })
        return rest.isEmpty ? new : new.appending(rest)
    }
}

extension Array where Element == UInt8 {
    func withCString<T>(_ body: (UnsafePointer<CChar>) -> T) -> T {
        let chars = map { CChar(bitPattern: $0) } + [0]
        return chars.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

enum Errno {
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// A directory descriptor shared by the walk tasks of its subdirectories, closed when the last
/// of them is done: the walk opens each directory relative to its parent, so no path it passes
/// to the kernel is ever longer than one name.
final class DirectoryHandle: @unchecked Sendable {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

/// Opens paths below a root one component at a time, for paths longer than PATH_MAX.
enum PathOpener {
    /// Paths longer than this are reached through a directory descriptor, not by name.
    static let directLimit = 3072

    /// Opens the directory at `relative` below `root`, never following symlinks below the root.
    static func openDirectory(root: RawPath, relative: RawPath) -> Result<Int32, Errno.Code> {
        var fd = open(root.cString, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Errno.Code(errno)) }
        for component in relative.components {
            let next = component.withCString { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            let code = errno
            close(fd)
            guard next >= 0 else { return .failure(Errno.Code(code)) }
            fd = next
        }
        return .success(fd)
    }

    /// Runs `body` with a path naming `relative` below `root` that the kernel accepts: the path
    /// itself when short, else `/proc/self/fd/N/name` through an open parent directory.
    static func withUsablePath<T>(root: RawPath, relative: RawPath, _ body: (RawPath) -> T) -> Result<T, Errno.Code> {
        let full = root.appending(relative)
        if full.bytes.count < directLimit { return .success(body(full)) }
        switch openDirectory(root: root, relative: relative.parent) {
        case .failure(let code): return .failure(code)
        case .success(let fd):
            defer { close(fd) }
            return .success(body(RawPath("/proc/self/fd/\(fd)").appending(relative.lastComponent)))
        }
    }

    /// lstat of `relative` below `root`, for paths of any length.
    static func lstat(root: RawPath, relative: RawPath) -> Result<stat, Errno.Code> {
        let result: Result<Result<stat, Errno.Code>, Errno.Code> = withUsablePath(root: root, relative: relative) { path in
            var info = stat()
            return Glibc.lstat(path.cString, &info) == 0 ? .success(info) : .failure(Errno.Code(errno))
        }
        switch result {
        case .success(let inner): return inner
        case .failure(let code): return .failure(code)
        }
    }
}

extension Errno {
    /// An errno value as an Error.
    struct Code: Error, Equatable, CustomStringConvertible {
        var value: Int32
        init(_ value: Int32) { self.value = value }
        var description: String { Errno.describe(value) }
    }
}

/// Hands a value to another thread when the code guarantees it is used safely there
/// (closures called under a lock, or by one thread at a time).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
