/// Scalar-at-a-time UTF-8 decoding, for text that is mostly but not wholly valid.
public enum UTF8Validation {
    /// Decodes one well-formed scalar at `index`, or nil if the bytes there are not valid UTF-8
    /// (overlongs, surrogates and truncated sequences included).
    public static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let b0 = bytes[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        let minimum: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b0 & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
