#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

/// Resolves a symlink to its target, only when the target lies inside the root: a followed
/// link must never lead the crawler out of the share (to /etc, or another user's home).
struct SymlinkResolver {
    /// The root's canonical path, without a trailing slash.
    let canonicalRoot: RawPath

    init?(root: RawPath) {
        guard let real = realpath(root.cString, nil) else { return nil }
        defer { free(real) }
        canonicalRoot = RawPath(bytes: Array(UnsafeBufferPointer(start: real, count: strlen(real))).map { UInt8(bitPattern: $0) })
    }

    /// The canonical absolute path of the link `name` in the directory open as `dirFD`, and the target's stat.
    func resolve(dirFD: Int32, name: [UInt8]) -> (path: RawPath, info: stat)? {
        resolve(link: RawPath("/proc/self/fd/\(dirFD)").appending(name))
    }

    /// Same, for a link given by a path the kernel accepts.
    func resolve(link: RawPath) -> (path: RawPath, info: stat)? {
        guard let real = realpath(link.cString, nil) else { return nil }
        defer { free(real) }
        let resolved = RawPath(bytes: Array(UnsafeBufferPointer(start: real, count: strlen(real))).map { UInt8(bitPattern: $0) })
        guard resolved.isInside(canonicalRoot) else { return nil }
        var info = stat()
        guard stat(resolved.cString, &info) == 0 else { return nil }
        return (resolved, info)
    }
}
