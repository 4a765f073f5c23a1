import CZlib

/// Stored text (the bodies kept for snippets and for re-indexing moved files) is most of an
/// index's bytes, so bodies are kept compressed. Documents are small, and a compressor finds
/// little to reuse in 1-2 KB; a dictionary trained on the index's own text (as Lucene's stored
/// fields and zstd's small-data mode do) gives it the collection's common words and phrases up
/// front: bodies shrink to under 40% instead of 50%.
///
/// A stored body is TEXT (short, or stored before compression) or a BLOB:
/// `3 | varint length | zstd frame` without a dictionary,
/// `4 | varint dictionary id | varint length | zstd frame` with one. Indexes written before zstd
/// hold zlib bodies, still read: `1 | varint length | zlib`, `2 | varint dictionary id | varint length | zlib`.
struct StoredTextCodec: Sendable {
    /// Shorter bodies stay plain text: a frame's header and checksum would eat the gain.
    static let minimumLength = 128
    /// What a trained dictionary may grow to: twice zlib's 32 KiB stores 3% less than 32 KiB.
    static let dictionaryLength = 64 * 1024

    /// The dictionary new bodies are compressed with (only a zstd one is used).
    let dictionary: TextDictionary?
    private let compressor: ZstdCompressor

    init(dictionary: TextDictionary?) {
        let usable = dictionary?.kind == .zstd ? dictionary : nil
        self.dictionary = usable
        compressor = ZstdCompressor(dictionary: usable?.bytes)
    }

    func encode(_ text: String) -> SQLiteValue {
        let length = text.utf8.count
        guard length >= Self.minimumLength else { return .text(text) }
        var header: [UInt8] = []
        if let dictionary {
            header.append(4)
            VarInt.append(UInt64(dictionary.id), to: &header)
        } else {
            header.append(3)
        }
        VarInt.append(UInt64(length), to: &header)
        var copy = text
        let compressed = copy.withUTF8 { compressor.compress($0) }
        guard let compressed, header.count + compressed.count < length else { return .text(text) }
        return .blob(header + compressed)
    }

    /// The text of a stored BLOB, or its first `prefix` bytes (a snippet needs no more;
    /// decompressing stops there); `dictionary` finds a dictionary by id. Nil when the bytes are
    /// not a body this codec wrote (a corrupt row), which callers show as empty text.
    static func decode(_ bytes: [UInt8], prefix: Int = .max, dictionary: (Int64) throws -> TextDictionary?) rethrows -> String? {
        try bytes.withUnsafeBytes { raw -> String? in
            var offset = 1
            guard let codec = raw.first, (1...4).contains(codec) else { return nil }
            let zstd = codec >= 3
            var preset: TextDictionary?
            if codec == 2 || codec == 4 {
                guard let id = VarInt.read(raw, &offset), let found = try dictionary(Int64(id)),
                      found.kind == (zstd ? .zstd : .zlib) else { return nil }
                preset = found
            }
            guard let length = VarInt.read(raw, &offset), length < 1 << 31 else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[offset...])
            let capacity = min(prefix, Int(length))
            if zstd {
                return Zstd.decompress(body, capacity: capacity, whole: capacity == Int(length), dictionary: preset?.decoding)
            }
            return inflate(body, length: Int(length), prefix: capacity, dictionary: preset)
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

/// A dictionary for stored text: bytes trained on (or sampled from) documents, kept for as long
/// as any body refers to it by id.
struct TextDictionary: Sendable, Equatable {
    /// zlib: a preset dictionary of indexes written before zstd, only read. zstd: trained.
    enum Kind: String, Sendable { case zlib, zstd }

    let id: Int64
    let bytes: [UInt8]
    let kind: Kind
    /// adler32 of the bytes, as a zlib header names its dictionary.
    let checksum: UInt32
    /// The bytes digested for decompression (zstd only).
    let decoding: ZstdDictionary?

    init(id: Int64, bytes: [UInt8], kind: Kind = .zstd) {
        self.id = id
        self.bytes = bytes
        self.kind = kind
        checksum = bytes.withUnsafeBufferPointer { UInt32(adler32(1, $0.baseAddress, uInt($0.count))) }
        decoding = kind == .zstd ? ZstdDictionary(bytes) : nil
    }

    static func == (a: TextDictionary, b: TextDictionary) -> Bool {
        a.id == b.id && a.kind == b.kind && a.bytes == b.bytes
    }

    /// The bytes of a new dictionary for `bodies`: trained by zstd, or, when training finds
    /// nothing (too few or too alike bodies), sampled; nil when they hold too little text.
    static func make(from bodies: [String]) -> [UInt8]? {
        let sample = sample(bodies)
        guard sample.count >= 16 * 1024 else { return nil }
        return Zstd.train(bodies, capacity: StoredTextCodec.dictionaryLength) ?? sample
    }

    /// Up to 1 KiB from the start of each of many bodies (the words a collection repeats are
    /// spread over its documents), most recent last, where a compressor finds them cheapest.
    static func sample(_ bodies: some Sequence<String>) -> [UInt8] {
        var bytes: [UInt8] = []
        for body in bodies where body.utf8.count >= StoredTextCodec.minimumLength {
            bytes += body.utf8.prefix(1024)
            if bytes.count >= StoredTextCodec.dictionaryLength { break }
        }
        return Array(bytes.suffix(StoredTextCodec.dictionaryLength))
    }
}
