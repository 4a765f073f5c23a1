/// Bounds-checked little-endian reads from a file held in memory. Every offset in a ZIP
/// comes from the file itself, so every read must be allowed to fail.
struct LittleEndianBytes {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    func contains(_ offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
    }

    func u16(_ offset: Int) -> UInt16? {
        guard contains(offset, length: 2) else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32? {
        guard contains(offset, length: 4) else { return nil }
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt32(bytes[offset + index]) }
        return value
    }

    func u64(_ offset: Int) -> UInt64? {
        guard contains(offset, length: 8) else { return nil }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    func slice(_ offset: Int, length: Int) -> ArraySlice<UInt8>? {
        guard contains(offset, length: length) else { return nil }
        return bytes[offset..<(offset + length)]
    }
}

extension UInt64 {
    /// A size or offset from the file as an Int, or nil when it cannot be one.
    var asOffset: Int? { self <= UInt64(Int.max) ? Int(self) : nil }
}
