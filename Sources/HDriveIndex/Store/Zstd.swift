import CZstd
import Foundation

/// zstd for stored bodies, with a dictionary trained on the index's own text. Against zlib with
/// a preset dictionary it compresses a 1.5 KB body about fifteen times faster (zlib must copy
/// its whole primed state, hundreds of KiB, per body) into fewer bytes, and inflates it about
/// twice as fast.
enum Zstd {
    /// zstd's default: faster levels store a few percent more for little gain on small bodies.
    static let level: Int32 = 3

    /// Contexts for decompression, shared by every reader: a context is 100 KiB or more to
    /// allocate, and must not be used by two threads at once.
    static let decoders = ContextPool(make: { ZSTD_createDCtx() }, free: { _ = ZSTD_freeDCtx($0) })

    /// The first `capacity` bytes of the frame in `input`, or nil when the frame is not one zstd
    /// wrote with `dictionary`. `whole`: the frame must end exactly there, its checksum right.
    static func decompress(_ input: UnsafeRawBufferPointer, capacity: Int, whole: Bool, dictionary: ZstdDictionary?) -> String? {
        decoders.with { context -> String? in
            guard ZSTD_isError(ZSTD_DCtx_reset(context, ZSTD_reset_session_and_parameters)) == 0,
                  ZSTD_isError(ZSTD_DCtx_refDDict(context, dictionary?.decoding)) == 0 else { return nil }
            var complete = false
            let text = String(unsafeUninitializedCapacity: max(capacity, 1)) { buffer -> Int in
                var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
                var target = ZSTD_outBuffer(dst: buffer.baseAddress, size: capacity, pos: 0)
                while true {
                    let (read, written) = (source.pos, target.pos)
                    let status = ZSTD_decompressStream(context, &target, &source)
                    if ZSTD_isError(status) != 0 { return 0 }
                    if status == 0 {
                        // The frame ended (its checksum checked): it must hold the whole text
                        // and nothing after it.
                        complete = target.pos == capacity && source.pos == source.size
                        break
                    }
                    if target.pos == capacity && !whole { complete = true; break }
                    // Truncated, or longer than the header says.
                    if source.pos == read && target.pos == written { break }
                }
                return complete ? target.pos : 0
            }
            return complete ? text : nil
        } ?? nil
    }

    /// A dictionary trained by zstd's ZDICT on the first 4 KiB of each of `bodies`, or nil
    /// when they are too few or too alike for training to find one.
    static func train(_ bodies: some Sequence<String>, capacity: Int) -> [UInt8]? {
        var samples: [UInt8] = [], sizes: [Int] = []
        for body in bodies where body.utf8.count >= StoredTextCodec.minimumLength {
            let start = body.utf8.prefix(4096)
            samples += start
            sizes.append(start.count)
            if samples.count >= 4 << 20 { break }
        }
        guard sizes.count >= 8 else { return nil }
        var dictionary = [UInt8](repeating: 0, count: capacity)
        // One fastCover pass with segments of 200 bytes and 8-byte d-mers. ZDICT's default tries
        // four segment sizes, each judged by compressing a quarter of the samples: on the first
        // 1,000 bodies here it took 0.11-0.12 s of the first commit, which extraction waits for,
        // against 0.03 s, and its dictionary compressed 20,000 other bodies to 36.91% of their
        // size against this one's 36.84%.
        var parameters = ZDICT_fastCover_params_t()
        parameters.k = 200
        parameters.d = 8
        parameters.zParams.compressionLevel = level
        let length = dictionary.withUnsafeMutableBytes { out in
            samples.withUnsafeBytes { input in
                ZDICT_trainFromBuffer_fastCover(out.baseAddress, out.count, input.baseAddress, sizes, UInt32(sizes.count), parameters)
            }
        }
        guard ZDICT_isError(length) == 0, length >= 1024 else { return nil }
        return Array(dictionary.prefix(length))
    }
}

/// A dictionary ready for decompression; read-only once made, so shared between threads.
final class ZstdDictionary: @unchecked Sendable {
    let decoding: OpaquePointer?

    init(_ bytes: [UInt8]) {
        decoding = bytes.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, $0.count) }
    }

    deinit { ZSTD_freeDDict(decoding) }
}

/// Compresses bodies with one dictionary (or none) from any thread: the dictionary is digested
/// once, and each call borrows a context bound to it.
final class ZstdCompressor: @unchecked Sendable {
    private let digested: OpaquePointer?
    private let contexts: ContextPool

    init(dictionary: [UInt8]?) {
        let digested = dictionary.flatMap { bytes in
            bytes.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, Zstd.level) }
        }
        self.digested = digested
        contexts = ContextPool(make: {
            guard let context = ZSTD_createCCtx() else { return nil }
            // The frame names its dictionary (zstd refuses another one), carries a checksum of
            // the text, and leaves out the length, which the body's header holds.
            let ready = ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Zstd.level)) == 0
                && ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)) == 0
                && ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0)) == 0
                && ZSTD_isError(ZSTD_CCtx_refCDict(context, digested)) == 0
            if !ready { ZSTD_freeCCtx(context); return nil }
            return context
        }, free: { _ = ZSTD_freeCCtx($0) })
    }

    deinit { ZSTD_freeCDict(digested) }

    /// One zstd frame of `input`; nil if zstd fails.
    func compress(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        contexts.with { context -> [UInt8]? in
            var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
            let length = output.withUnsafeMutableBytes { out in
                ZSTD_compress2(context, out.baseAddress, out.count, input.baseAddress, input.count)
            }
            guard ZSTD_isError(length) == 0 else { return nil }
            output.removeSubrange(length...)
            return output
        } ?? nil
    }
}

/// A few reusable C contexts: taken for one call, then given back (at most `kept` are kept).
final class ContextPool: @unchecked Sendable {
    private let make: () -> OpaquePointer?
    private let free: (OpaquePointer) -> Void
    private var idle: [OpaquePointer] = []
    private let lock = NSLock()
    private let kept = 16

    init(make: @escaping () -> OpaquePointer?, free: @escaping (OpaquePointer) -> Void) {
        self.make = make
        self.free = free
    }

    deinit { idle.forEach(free) }

    /// Runs `body` with a context of its own; nil when none can be made.
    func with<Result>(_ body: (OpaquePointer) -> Result) -> Result? {
        let taken: OpaquePointer? = lock.withLock { idle.popLast() }
        guard let context = taken ?? make() else { return nil }
        let result = body(context)
        let surplus = lock.withLock { () -> Bool in
            guard idle.count < kept else { return true }
            idle.append(context)
            return false
        }
        if surplus { free(context) }
        return result
    }
}
