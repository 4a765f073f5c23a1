#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

/// A regular file found under a root.
public struct WalkedFile: Sendable {
    public var relativePath: RawPath
    public var stat: FileStat
}

/// What a walk could not see; deletions are never inferred under these directories.
public struct WalkReport: Sendable {
    /// Directories that could not be opened or listed, with the reason.
    public var unreadableDirectories: [(path: RawPath, reason: String)] = []
    public var skippedSymlinks = 0
    public var skippedSpecialFiles = 0
    public var excluded = 0
    /// The walk was asked to stop before it finished.
    public var stopped = false
}

/// Walks a directory tree relative to directory descriptors (openat/fdopendir), so paths of any
/// length work and names stay raw bytes. Never follows symlinks; reports regular files only.
struct TreeWalker {
    let root: RawPath
    let excludes: ExcludeMatcher

    struct RootUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Calls `visit` for each regular file; `visit` returns false to stop the walk.
    func walk(_ visit: (WalkedFile) -> Bool) throws -> WalkReport {
        let fd = open(root.cString, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw RootUnavailable(description: "cannot open \(root): \(Errno.describe(errno))") }
        var report = WalkReport()
        walkDirectory(fd: fd, relative: RawPath(bytes: []), report: &report, visit)
        return report
    }

    /// Takes ownership of `fd`.
    private func walkDirectory(fd: Int32, relative: RawPath, report: inout WalkReport, _ visit: (WalkedFile) -> Bool) {
        guard let dir = fdopendir(fd) else {
            report.unreadableDirectories.append((relative, Errno.describe(errno)))
            close(fd)
            return
        }
        defer { closedir(dir) }
        while !report.stopped {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { report.unreadableDirectories.append((relative, Errno.describe(errno))) }
                return
            }
            let name = Self.name(of: entry)
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let path = relative.appending(name)
            if excludes.excludes(name: name, relativePath: path) { report.excluded += 1; continue }
            var info = stat()
            let rc = name.withCString { fstatat(dirfd(dir), $0, &info, AT_SYMLINK_NOFOLLOW) }
            guard rc == 0 else { continue }  // vanished between readdir and stat
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let child = name.withCString { openat(dirfd(dir), $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                if child < 0 {
                    report.unreadableDirectories.append((path, Errno.describe(errno)))
                } else {
                    walkDirectory(fd: child, relative: path, report: &report, visit)
                }
            case S_IFREG:
                if !visit(WalkedFile(relativePath: path, stat: FileStat(info))) { report.stopped = true }
            case S_IFLNK:
                report.skippedSymlinks += 1
            default:
                report.skippedSpecialFiles += 1
            }
        }
    }

    private static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let length = bytes.firstIndex(of: 0) ?? bytes.count
            return Array(bytes[..<length])
        }
    }
}

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
