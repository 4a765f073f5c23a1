import Glibc
import HDriveCore

/// Decodes plain text whose encoding nobody wrote down: a BOM if there is one (UTF-8, -16,
/// -32), then UTF-16 when the zero bytes say so, then UTF-8 if it is valid, then Cyrillic
/// code pages when the bytes look like Russian, else the configured fallback (windows-1252:
/// what twenty years of Windows shares mostly hold). Never fails on text; refuses binary.
enum PlainTextDecoder {
    struct Decoded: Equatable {
        var text: String
        var encoding: String
    }

    static func decode(_ bytes: [UInt8], fallback: String = "windows-1252") throws(ExtractionFailure) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(text: String(decoding: bytes.dropFirst(3), as: UTF8.self), encoding: "UTF-8")
        }
        for (bom, name) in [([0xFF, 0xFE, 0, 0] as [UInt8], "UTF-32LE"), ([0, 0, 0xFE, 0xFF], "UTF-32BE")]
        where bytes.starts(with: bom) {
            guard let text = CharsetDecoder.decode(bytes.dropFirst(4), charset: name) else { break }
            return Decoded(text: text, encoding: name)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Decoded(text: utf16(bytes.dropFirst(2), bigEndian: false), encoding: "UTF-16LE")
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Decoded(text: utf16(bytes.dropFirst(2), bigEndian: true), encoding: "UTF-16BE")
        }
        if hasZero(bytes[...]) {
            switch utf16Guess(bytes) {
            case .some(false): return Decoded(text: utf16(bytes[...], bigEndian: false), encoding: "UTF-16LE")
            case .some(true): return Decoded(text: utf16(bytes[...], bigEndian: true), encoding: "UTF-16BE")
            case nil: throw ExtractionFailure(.unsupported, "binary data (NUL bytes) in a text file")
            }
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: "UTF-8")
        }
        guard !looksBinary(bytes) else { throw ExtractionFailure(.unsupported, "binary data (control bytes) in a text file") }
        let encoding = cyrillicGuess(bytes) ?? fallback
        if encoding.lowercased() != "windows-1252", let text = CharsetDecoder.decode(bytes, charset: encoding) {
            return Decoded(text: text, encoding: encoding)
        }
        return Decoded(text: Windows1252.decode(bytes), encoding: "windows-1252")
    }

    /// Russian in a single-byte code page: letters are bytes 0xC0-0xFF and outnumber ASCII
    /// letters (Western text has a few accented letters among many ASCII ones). Most letters
    /// are lowercase, which windows-1251 puts at 0xE0-0xFF and KOI8-R at 0xC0-0xDF.
    static func cyrillicGuess(_ bytes: [UInt8]) -> String? {
        var ascii = 0
        var low = 0
        var high = 0
        var other = 0
        for byte in bytes.prefix(64 * 1024) {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A: ascii += 1
            case 0xC0...0xDF: low += 1
            case 0xE0...0xFF: high += 1
            case 0x80...0xBF: other += 1
            default: break
            }
        }
        guard low + high > ascii, (low + high) * 10 >= (low + high + other) * 8 else { return nil }
        return high >= low ? "windows-1251" : "KOI8-R"
    }

    /// Text in a legacy code page has few C0 control bytes besides tab, newline, form feed
    /// and carriage return; compressed or random data has about one in eight.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(64 * 1024)
        let controls = sample.count { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0C && $0 != 0x0D }
        return controls * 20 > sample.count
    }

    /// UTF-16 without a BOM shows itself in Latin-script text: one byte of nearly every pair
    /// is zero, always on the same side. Returns whether it is big-endian, or nil if not UTF-16.
    static func utf16Guess(_ bytes: [UInt8]) -> Bool? {
        let pairs = min(bytes.count, 64 * 1024) / 2
        // Without a zero byte it is not UTF-16: memchr finds that out without the count.
        guard pairs >= 2, bytes.count % 2 == 0, hasZero(bytes[..<(2 * pairs)]) else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { evenZeros += 1 }
            if bytes[2 * pair + 1] == 0 { oddZeros += 1 }
        }
        let many = pairs * 3 / 10
        let few = pairs / 50
        if oddZeros >= many && evenZeros <= few { return false }
        if evenZeros >= many && oddZeros <= few { return true }
        return nil
    }

    /// Whether `bytes` hold a zero byte; memchr compares many bytes a step, a loop one.
    static func hasZero(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { raw in raw.count > 0 && memchr(raw.baseAddress!, 0, raw.count) != nil }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
