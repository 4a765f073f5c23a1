import CZlib

/// Writes small ZIP archives for tests, including the broken and hostile kinds the reader
/// must refuse. Only what the tests need: no timestamps, no attributes.
struct TestZip {
    struct Entry {
        var name: String
        var data: [UInt8]
        var deflated = true
        var flags: UInt16 = 0
        /// Stored in the headers instead of the real CRC.
        var crcOverride: UInt32?
        /// Sizes and CRC zero in the local header, real values in a data descriptor after the data.
        var dataDescriptor = false
        /// Overrides the uncompressed size written in the headers (a lying header).
        var declaredSize: Int?
        /// Already-deflated bytes to store as they are (for bombs made without the big input).
        var precompressed: (bytes: [UInt8], size: Int, crc: UInt32)?

        init(_ name: String, _ text: String, deflated: Bool = true) {
            self.name = name
            self.data = Array(text.utf8)
            self.deflated = deflated
        }

        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            self.data = bytes
        }
    }

    var entries: [Entry]
    var comment: [UInt8] = []
    var zip64 = false
    /// Adds a second central entry pointing at the first entry's local header.
    var overlapping = false

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var count = 0
        for entry in entries {
            let compressed = entry.precompressed?.bytes ?? (entry.deflated ? TestZip.deflate(entry.data) : entry.data)
            let size = entry.declaredSize ?? entry.precompressed?.size ?? entry.data.count
            let crc = entry.crcOverride ?? entry.precompressed?.crc ?? TestZip.crc(entry.data)
            let method: UInt16 = entry.deflated ? 8 : 0
            let flags = entry.flags | (entry.dataDescriptor ? 0x0008 : 0)
            let offset = out.count
            let name = Array(entry.name.utf8)
            out += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(method) + le32(0)
            out += entry.dataDescriptor ? le32(0) + le32(0) + le32(0) : le32(crc) + le32(compressed.count) + le32(size)
            out += le16(name.count) + le16(0) + name + compressed
            if entry.dataDescriptor { out += le32(0x0807_4B50) + le32(crc) + le32(compressed.count) + le32(size) }
            let copies = overlapping && count == 0 ? 2 : 1
            for copy in 0..<copies {
                let centralName = copy == 0 ? name : Array("copy-\(entry.name)".utf8)
                var extra: [UInt8] = []
                if zip64 { extra = le16(1) + le16(24) + le64(size) + le64(compressed.count) + le64(offset) }
                let full = 0xFFFF_FFFF
                central += le32(0x0201_4B50) + le16(45) + le16(45) + le16(flags) + le16(method) + le32(0) + le32(crc)
                central += zip64 ? le32(full) + le32(full) : le32(compressed.count) + le32(size)
                central += le16(centralName.count) + le16(extra.count) + le16(0) + le16(0) + le16(0) + le32(0)
                central += le32(zip64 ? full : offset) + centralName + extra
                count += 1
            }
        }
        let directoryOffset = out.count
        out += central
        if zip64 {
            let record = out.count
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(count) + le64(count) + le64(central.count) + le64(directoryOffset)
            out += le32(0x0706_4B50) + le32(0) + le64(record) + le32(1)
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF)
            out += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le16(comment.count) + comment
        } else {
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
            out += le32(central.count) + le32(directoryOffset) + le16(comment.count) + comment
        }
        return out
    }

    static func crc(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress, $0.count)) }
    }

    /// Raw deflate of `repeating` bytes `times` times over, streamed so a bomb's big input
    /// never exists in memory. Returns the deflated bytes and the CRC of the whole input.
    static func deflate(repeating chunk: [UInt8], times: Int) -> (bytes: [UInt8], crc: UInt32) {
        var stream = z_stream()
        _ = deflateInit2_(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                          Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var out: [UInt8] = []
        var crc: UInt = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var input = chunk
        for round in 0..<times {
            crc = input.withUnsafeBufferPointer { crc32_z(crc, $0.baseAddress, $0.count) }
            input.withUnsafeMutableBufferPointer { source in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                repeat {
                    buffer.withUnsafeMutableBufferPointer { target in
                        stream.next_out = target.baseAddress
                        stream.avail_out = uInt(target.count)
                        _ = CZlib.deflate(&stream, round == times - 1 ? Z_FINISH : Z_NO_FLUSH)
                    }
                    out += buffer[0..<(buffer.count - Int(stream.avail_out))]
                } while stream.avail_out == 0
            }
        }
        return (out, UInt32(crc))
    }

    /// A gzip file: header, raw deflate, CRC and size.
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        gzip(deflated: deflate(data), crc: crc(data), size: data.count)
    }

    static func gzip(repeating chunk: [UInt8], times: Int) -> [UInt8] {
        let (bytes, crc) = deflate(repeating: chunk, times: times)
        return gzip(deflated: bytes, crc: crc, size: chunk.count * times)
    }

    private static func gzip(deflated: [UInt8], crc: UInt32, size: Int) -> [UInt8] {
        [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + deflated + le32(crc) + le32(size & 0xFFFF_FFFF)
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        data.isEmpty ? [3, 0] : deflate(repeating: data, times: 1).bytes
    }
}

private func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
private func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
private func le32(_ value: UInt32) -> [UInt8] { le32(Int(value)) }
private func le64(_ value: Int) -> [UInt8] { (0..<8).map { UInt8(value >> (8 * $0) & 0xFF) } }
private func le16(_ value: UInt16) -> [UInt8] { le16(Int(value)) }
