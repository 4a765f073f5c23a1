import Glibc
import HDriveCore

/// A regular file opened safely and read on demand: never through a symlink, never a FIFO,
/// socket or device (opening some devices has side effects), never past the size limit.
/// Extraction ends with `checkUnchanged()`, so a file written meanwhile is retried later.
final class OpenedFile {
    let descriptor: Int32
    let size: Int
    private let opened: stat

    init(_ path: RawPath, maxSize: Int64) throws(ExtractionFailure) {
        guard !path.bytes.contains(0) else { throw ExtractionFailure(.unreadable, "path contains a NUL byte") }
        let cPath = path.bytes.map { CChar(bitPattern: $0) } + [0]
        var before = stat()
        guard lstat(cPath, &before) == 0 else { throw OpenedFile.failure("cannot inspect file") }
        try OpenedFile.checkKind(before.st_mode)
        try OpenedFile.checkSize(Int64(before.st_size), maxSize)
        let fd = open(cPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw ExtractionFailure(.unreadable, "is a symbolic link") }
            throw OpenedFile.failure("cannot open file")
        }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else {
            let failure = OpenedFile.failure("cannot inspect file")
            close(fd)
            throw failure
        }
        do throws(ExtractionFailure) {
            try OpenedFile.checkKind(opened.st_mode)
            try OpenedFile.checkSize(Int64(opened.st_size), maxSize)
            guard opened.st_ino == before.st_ino, opened.st_dev == before.st_dev else {
                throw ExtractionFailure(.changed, "file was replaced while it was opened")
            }
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
        size = Int(opened.st_size)
        self.opened = opened
    }

    deinit { close(descriptor) }

    /// The first `count` bytes (fewer for a short file), for type detection.
    func prefix(_ count: Int) throws(ExtractionFailure) -> [UInt8] {
        try read(upTo: min(count, size), exact: false)
    }

    /// The whole file; reads one byte more than its size, so a file that grew is noticed.
    func readAll() throws(ExtractionFailure) -> [UInt8] {
        let bytes = try read(upTo: size + 1, exact: true)
        guard bytes.count == size else { throw ExtractionFailure(.changed, "file changed while it was read") }
        return bytes
    }

    /// Throws `.changed` when size, mtime or ctime moved since the file was opened.
    func checkUnchanged() throws(ExtractionFailure) {
        var now = stat()
        guard fstat(descriptor, &now) == 0 else { throw OpenedFile.failure("cannot inspect file") }
        guard now.st_size == opened.st_size, now.st_mtim.tv_sec == opened.st_mtim.tv_sec,
              now.st_mtim.tv_nsec == opened.st_mtim.tv_nsec, now.st_ctim.tv_sec == opened.st_ctim.tv_sec,
              now.st_ctim.tv_nsec == opened.st_ctim.tv_nsec else {
            throw ExtractionFailure(.changed, "file changed while it was read")
        }
    }

    private func read(upTo capacity: Int, exact: Bool) throws(ExtractionFailure) -> [UInt8] {
        var failedErrno: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let got = pread(descriptor, buffer.baseAddress! + count, capacity - count, off_t(count))
                if got > 0 { count += got; continue }
                if got == 0 { break }
                if errno == EINTR { continue }
                failedErrno = errno
                break
            }
        }
        if failedErrno != 0 {
            throw ExtractionFailure(.unreadable, "cannot read file: \(OpenedFile.describe(failedErrno))")
        }
        return bytes
    }

    private static func checkSize(_ size: Int64, _ maxSize: Int64) throws(ExtractionFailure) {
        guard size <= maxSize else {
            throw ExtractionFailure(.tooLarge, "file is \(ByteCount.format(size)); the limit is \(ByteCount.format(maxSize))")
        }
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
