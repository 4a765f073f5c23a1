#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

/// Hashes a file's bytes, safely (regular files only, no symlinks, no FIFOs), for paths of any length.
enum ContentHasher {
    static func hash(root: RawPath, relative: RawPath, maxSize: Int64) -> [UInt8]? {
        let result = PathOpener.withUsablePath(root: root, relative: relative) { hash(path: $0, maxSize: maxSize) }
        return (try? result.get()) ?? nil
    }

    /// The hash of bytes already read (extraction's, so the file is not read twice).
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    static func hash(path: RawPath, maxSize: Int64) -> [UInt8]? {
        let fd = open(path.cString, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) <= maxSize else { return nil }
        let hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
        }
        return hasher.finish()
    }
}
