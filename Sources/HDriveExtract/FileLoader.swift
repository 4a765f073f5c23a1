import Glibc
import HDriveCore

/// Reads a whole regular file, safely: never follows a symlink, never opens a FIFO, socket
/// or device (opening some devices has side effects), refuses oversized files before reading,
/// and notices a file that changed while it was read.
enum FileLoader {
    static func load(_ path: RawPath, maxSize: Int64) throws(ExtractionFailure) -> [UInt8] {
        guard !path.bytes.contains(0) else { throw ExtractionFailure(.unreadable, "path contains a NUL byte") }
        let cPath = path.bytes.map { CChar(bitPattern: $0) } + [0]
        var before = stat()
        guard lstat(cPath, &before) == 0 else { throw failure("cannot inspect file") }
        try checkKind(before.st_mode)
        guard Int64(before.st_size) <= maxSize else {
            throw ExtractionFailure(.tooLarge, "file is \(ByteCount.format(Int64(before.st_size))); "
                                    + "the limit is \(ByteCount.format(maxSize))")
        }
        let fd = open(cPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw ExtractionFailure(.unreadable, "is a symbolic link") }
            throw failure("cannot open file")
        }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { throw failure("cannot inspect file") }
        try checkKind(opened.st_mode)
        guard opened.st_ino == before.st_ino, opened.st_dev == before.st_dev else {
            throw ExtractionFailure(.changed, "file was replaced while it was opened")
        }
        let bytes = try readAll(fd, expected: Int(opened.st_size))
        var after = stat()
        guard fstat(fd, &after) == 0 else { throw failure("cannot inspect file") }
        guard after.st_size == opened.st_size, bytes.count == Int(opened.st_size),
              after.st_mtim.tv_sec == opened.st_mtim.tv_sec, after.st_mtim.tv_nsec == opened.st_mtim.tv_nsec else {
            throw ExtractionFailure(.changed, "file changed while it was read")
        }
        return bytes
    }

    /// Reads up to one byte more than expected, so a file that grew is noticed.
    private static func readAll(_ fd: Int32, expected: Int) throws(ExtractionFailure) -> [UInt8] {
        let capacity = expected + 1
        var failedErrno: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let got = read(fd, buffer.baseAddress! + count, capacity - count)
                if got > 0 { count += got; continue }
                if got == 0 { break }
                if errno == EINTR { continue }
                failedErrno = errno
                break
            }
        }
        if failedErrno != 0 { throw ExtractionFailure(.unreadable, "cannot read file: \(describe(failedErrno))") }
        return bytes
    }

    private static func checkKind(_ mode: mode_t) throws(ExtractionFailure) {
        switch mode & 0o170000 {
        case 0o100000: return
        case 0o120000: throw ExtractionFailure(.unreadable, "is a symbolic link")
        case 0o040000: throw ExtractionFailure(.unsupported, "not a regular file (directory)")
        case 0o010000: throw ExtractionFailure(.unsupported, "not a regular file (FIFO)")
        case 0o140000: throw ExtractionFailure(.unsupported, "not a regular file (socket)")
        default: throw ExtractionFailure(.unsupported, "not a regular file (device)")
        }
    }

    private static func failure(_ action: String) -> ExtractionFailure {
        let code = errno
        return ExtractionFailure(.unreadable, "\(action): \(describe(code))")
    }

    /// "permission denied", as strerror says it, lowercased for use after a colon.
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        let message = String(cString: text)
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}
