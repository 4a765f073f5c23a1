import CZlib

/// Stored text (the bodies kept for snippets and for re-indexing moved files) is most of an
/// index's bytes, so bodies are kept deflated. Documents are small, and deflate alone finds
/// little to reuse in 1-2 KB; a preset dictionary sampled from the index's own text (as
/// Lucene's stored fields do) gives it the common words of the collection up front: bodies
/// shrink to about 40% instead of 50%.
///
/// A stored body is TEXT (short, or stored before compression) or a BLOB:
/// `1 | varint length | zlib` without a dictionary, `2 | varint dictionary id | varint length | zlib`.
struct StoredTextCodec: Sendable {
    /// Shorter bodies stay plain text: deflate's header and trailer would eat the gain.
    static let minimumLength = 128
    /// zlib uses at most a 32 KiB window, so a longer dictionary would be dead weight.
    static let dictionaryLength = 32 * 1024

    let dictionary: TextDictionary?
    private let deflater: PrimedDeflater

    init(dictionary: TextDictionary?) {
        self.dictionary = dictionary
        deflater = PrimedDeflater(dictionary: dictionary?.bytes)
    }

    func encode(_ text: String) -> SQLiteValue {
        let length = text.utf8.count
        guard length >= Self.minimumLength else { return .text(text) }
        var header: [UInt8] = []
        if let dictionary {
            header.append(2)
            VarInt.append(UInt64(dictionary.id), to: &header)
        } else {
            header.append(1)
        }
        VarInt.append(UInt64(length), to: &header)
        var copy = text
        let deflated = copy.withUTF8 { deflater.deflate($0) }
        guard let deflated, header.count + deflated.count < length else { return .text(text) }
        return .blob(header + deflated)
    }

    /// The text of a stored BLOB, or its first `prefix` bytes (a snippet needs no more; inflating
    /// stops there); `dictionary` finds a dictionary by id. Nil when the bytes are not a body
    /// this codec wrote (a corrupt row), which callers show as empty text.
    static func decode(_ bytes: [UInt8], prefix: Int = .max, dictionary: (Int64) throws -> TextDictionary?) rethrows -> String? {
        try bytes.withUnsafeBytes { raw -> String? in
            var offset = 1
            guard let codec = raw.first, codec == 1 || codec == 2 else { return nil }
            var preset: TextDictionary?
            if codec == 2 {
                guard let id = VarInt.read(raw, &offset), let found = try dictionary(Int64(id)) else { return nil }
                preset = found
            }
            guard let length = VarInt.read(raw, &offset), length < 1 << 31 else { return nil }
            return inflate(UnsafeRawBufferPointer(rebasing: raw[offset...]), length: Int(length),
                           prefix: min(prefix, Int(length)), dictionary: preset)
        }
    }

    /// Inflates the zlib stream raw, header and trailer checked by hand: zlib's own check of a
    /// preset dictionary sums all 32 KiB of it on every call, more than a snippet's inflate
    /// costs; the dictionary's sum is taken once instead.
    private static func inflate(_ input: UnsafeRawBufferPointer, length: Int, prefix: Int, dictionary: TextDictionary?) -> String? {
        guard input.count >= 2, (UInt16(input[0]) << 8 | UInt16(input[1])) % 31 == 0, input[0] & 0x0F == 8 else { return nil }
        var start = 2
        if input[1] & 0x20 != 0 {
            guard let dictionary, input.count >= 6,
                  input[2..<6].reduce(UInt32(0), { $0 << 8 | UInt32($1) }) == dictionary.checksum else { return nil }
            start = 6
        } else if dictionary != nil {
            return nil
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        if let dictionary {
            guard dictionary.bytes.withUnsafeBufferPointer({ inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }) == Z_OK else { return nil }
        }
        // Whole: the stream must end exactly at `length`, with the right checksum. A prefix: the
        // buffer must fill (its last character may be cut; decoding repairs it).
        let whole = prefix == length
        var produced = 0
        let body = UnsafeRawBufferPointer(rebasing: input[start...])
        let text = String(unsafeUninitializedCapacity: max(prefix, 1)) { buffer -> Int in
            stream.next_in = UnsafeMutablePointer(mutating: body.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(body.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(prefix)
            let status = CZlib.inflate(&stream, whole ? Z_FINISH : Z_SYNC_FLUSH)
            var complete = status == Z_STREAM_END || (!whole && (status == Z_OK || status == Z_BUF_ERROR))
            if complete && whole {
                // The trailer: adler32 of the text, big-endian, right after the deflate stream.
                let end = body.count - Int(stream.avail_in)
                let trailer = end + 4 <= body.count ? body[end..<end + 4].reduce(UInt32(0), { $0 << 8 | UInt32($1) }) : nil
                complete = trailer == UInt32(adler32(1, buffer.baseAddress, uInt(prefix)))
            }
            produced = complete && Int(stream.total_out) == prefix ? prefix : 0
            return produced
        }
        return produced == prefix ? text : nil
    }
}

/// A preset dictionary for stored text: bytes sampled from documents, kept for as long as any
/// body refers to it by id.
struct TextDictionary: Sendable, Equatable {
    let id: Int64
    let bytes: [UInt8]
    /// adler32 of the bytes, as a zlib header names its dictionary.
    let checksum: UInt32

    init(id: Int64, bytes: [UInt8]) {
        self.id = id
        self.bytes = bytes
        checksum = bytes.withUnsafeBufferPointer { UInt32(adler32(1, $0.baseAddress, uInt($0.count))) }
    }

    /// Up to 1 KiB from the start of each of many bodies (the words a collection repeats are
    /// spread over its documents), most recent last, where zlib finds them cheapest.
    static func sample(_ bodies: some Sequence<String>) -> [UInt8] {
        var bytes: [UInt8] = []
        for body in bodies where body.utf8.count >= StoredTextCodec.minimumLength {
            bytes += body.utf8.prefix(1024)
            if bytes.count >= StoredTextCodec.dictionaryLength { break }
        }
        return Array(bytes.suffix(StoredTextCodec.dictionaryLength))
    }
}

/// A deflate stream with the dictionary already loaded, copied for each body: loading 32 KiB of
/// dictionary costs zlib four times as much as deflating a 1.5 KB document, copying the
/// primed state a tenth of that. Shared between threads: after `init` the primed stream is only
/// read (`deflateCopy`).
final class PrimedDeflater: @unchecked Sendable {
    /// Measured on 100,000 bodies: level 3 against zlib's default 6 stores 5% more and cuts a
    /// first crawl's time by a seventh (deflate was a sixth of all its CPU); level 1 stores 15% more.
    static let level: Int32 = 3
    /// zlib's state points back at its stream, so streams live at fixed addresses.
    private let primed = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let ready: Bool

    init(dictionary: [UInt8]?) {
        let stream = primed
        stream.initialize(to: z_stream())
        var ready = deflateInit_(stream, Self.level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        if ready, let dictionary {
            ready = dictionary.withUnsafeBufferPointer { deflateSetDictionary(stream, $0.baseAddress, uInt($0.count)) } == Z_OK
        }
        self.ready = ready
    }

    deinit {
        deflateEnd(primed)
        primed.deinitialize(count: 1)
        primed.deallocate()
    }

    func deflate(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard ready else { return nil }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard deflateCopy(stream, primed) == Z_OK else { return nil }
        defer { deflateEnd(stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(input.count))))
        let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = out.baseAddress
            stream.pointee.avail_out = uInt(out.count)
            return CZlib.deflate(stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.pointee.total_out)...)
        return output
    }
}
