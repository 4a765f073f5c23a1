/// LEB128 unsigned integers: small numbers (doc id gaps, term frequencies) take one byte.
enum VarInt {
    @inline(__always)
    static func append(_ value: UInt64, to buffer: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }

    /// How many bytes `value` takes.
    @inline(__always)
    static func length(_ value: UInt64) -> Int {
        (64 - value.leadingZeroBitCount + 6) / 7 + (value == 0 ? 1 : 0)
    }

    /// Writes `value` at `count` in `buffer`, which must have room (10 bytes at most), and
    /// advances `count`.
    @inline(__always)
    static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        var value = value
        while value >= 0x80 {
            buffer[count] = UInt8(truncatingIfNeeded: value) | 0x80
            count += 1
            value >>= 7
        }
        buffer[count] = UInt8(value)
        count += 1
    }

    /// Reads one varint at `offset` and advances it; nil when the bytes end mid-number.
    @inline(__always)
    static func read(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count && shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    mutating func appendUInt32LE(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 24))
    }

    func uint32LE(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}
