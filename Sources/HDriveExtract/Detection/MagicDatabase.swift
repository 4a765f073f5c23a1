internal import CMagic
import Synchronization

/// libmagic's MIME guess for the first bytes of a file. A `magic_t` is not thread-safe, so
/// calls take a lock; each call is ~0.1 ms, far below the cost of extraction itself.
final class MagicDatabase: Sendable {
    private let cookie: Mutex<OpaquePointer?>

    init() {
        // Compressed and ELF checks cost time and never change how a document is read.
        let flags = MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_TAR
        var opened = magic_open(flags)
        if let handle = opened, magic_load(handle, nil) != 0 {
            magic_close(handle)  // no database: our own signature checks still work
            opened = nil
        }
        cookie = Mutex(opened)
    }

    deinit {
        cookie.withLock { handle in
            if let handle { magic_close(handle) }
        }
    }

    var isLoaded: Bool { cookie.withLock { $0 != nil } }

    func mimeType(of bytes: ArraySlice<UInt8>) -> String {
        cookie.withLock { handle -> String in
            guard let handle, !bytes.isEmpty else { return bytes.isEmpty ? "inode/x-empty" : "application/octet-stream" }
            let result = bytes.withUnsafeBytes { raw in magic_buffer(handle, raw.baseAddress, raw.count) }
            return result.map { String(cString: $0) } ?? "application/octet-stream"
        }
    }

    /// "5.44" for the linked libmagic.
    static var version: String {
        let number = magic_version()
        return "\(number / 100).\(number % 100)"
    }
}
