internal import CMagic
import Synchronization

/// libmagic's MIME guess for the first bytes of a file. A `magic_t` is not thread-safe, so
/// each call borrows a cookie from a small pool (one per concurrent caller, opened on first
/// need): one shared cookie behind a lock made workers queue for each other.
final class MagicDatabase: Sendable {
    private let idle = Mutex<[Cookie]>([])
    /// Whether a database loaded; checked once, so that detection knows to do without.
    let isLoaded: Bool

    /// One `magic_t`; owned by one thread at a time.
    private final class Cookie: @unchecked Sendable {
        let handle: OpaquePointer
        init(handle: OpaquePointer) { self.handle = handle }
        deinit { magic_close(handle) }
    }

    init() {
        let first = MagicDatabase.open()
        isLoaded = first != nil
        if let first { idle.withLock { $0.append(first) } }
    }

    /// Compressed and ELF checks cost time and never change how a document is read.
    private static func open() -> Cookie? {
        let flags = MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_TAR
        guard let handle = magic_open(flags) else { return nil }
        guard magic_load(handle, nil) == 0 else {
            magic_close(handle)  // no database: our own signature checks still work
            return nil
        }
        return Cookie(handle: handle)
    }

    func mimeType(of bytes: ArraySlice<UInt8>) -> String {
        guard !bytes.isEmpty else { return "inode/x-empty" }
        guard isLoaded, let cookie = idle.withLock({ $0.popLast() }) ?? MagicDatabase.open() else {
            return "application/octet-stream"
        }
        defer { idle.withLock { $0.append(cookie) } }
        let result = bytes.withUnsafeBytes { raw in magic_buffer(cookie.handle, raw.baseAddress, raw.count) }
        return result.map { String(cString: $0) } ?? "application/octet-stream"
    }

    /// "5.44" for the linked libmagic.
    static var version: String {
        let number = magic_version()
        return "\(number / 100).\(number % 100)"
    }
}
