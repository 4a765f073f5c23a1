#if canImport(Glibc)
import Glibc
#endif

/// statfs(2)'s f_type for an open descriptor. Swift's Glibc module leaves out <sys/vfs.h>, so
/// fstatfs is looked up at run time; f_type is the first field of struct statfs (a long) on
/// every 64-bit Linux ABI we build for.
enum FileSystemMagic {
    private typealias FStatFS = @convention(c) (Int32, UnsafeMutableRawPointer) -> Int32

    private static let function: FStatFS? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "fstatfs") else { return nil }
        return unsafeBitCast(symbol, to: FStatFS.self)
    }()

    static func of(_ fd: Int32) -> Int64? {
        guard let function else { return nil }
        // struct statfs is 120 bytes on x86_64 and aarch64; leave room.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 8)
        defer { buffer.deallocate() }
        guard function(fd, buffer) == 0 else { return nil }
        return buffer.load(as: Int64.self)
    }
}
