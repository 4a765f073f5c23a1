import Glibc
import HDriveCore

/// The file a helper program reads, handed over as its stdin and named `/dev/stdin` on its
/// command line, so that no path (raw bytes, perhaps hostile) ever reaches an argument list.
/// Reopening `/dev/stdin` gives the helper its own seekable view of the file.
enum HelperInput {
    static let path = "/dev/stdin"

    /// Runs `body` with a descriptor for the input: the open file itself, or, for bytes held
    /// in memory (an archive member), an unlinked temporary file that vanishes on close.
    static func withDescriptor<T>(_ input: ExtractionInput,
                                  _ body: (Int32) throws(ExtractionFailure) -> T) throws(ExtractionFailure) -> T {
        if let file = input.file { return try body(file.descriptor) }
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/hdrive-helper-XXXXXX").utf8CString)
        let fd = HelperRunner.creatingDescriptors {
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return fd
        }
        guard fd >= 0 else {
            throw ExtractionFailure(.unreadable, "cannot make a temporary file for a helper: \(OpenedFile.describe(errno))")
        }
        unlink(template.map { UInt8(bitPattern: $0) }.withUnsafeBufferPointer { String(decoding: $0.dropLast(), as: UTF8.self) })
        defer { close(fd) }
        var written = 0
        while written < input.bytes.count {
            let count = input.bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0 && errno == EINTR { continue }
                throw ExtractionFailure(.unreadable, "cannot write a temporary file for a helper: \(OpenedFile.describe(errno))")
            }
            written += count
        }
        return try body(fd)
    }
}
