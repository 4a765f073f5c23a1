import HDriveCore

/// Decodes plain text whose encoding nobody wrote down: a BOM if there is one, then UTF-16
/// when the zero bytes say so, then UTF-8 if it is valid, else windows-1252 (what twenty
/// years of Windows shares mostly hold). Never fails on text; refuses binary.
enum PlainTextDecoder {
    struct Decoded: Equatable {
        var text: String
        var encoding: String
    }

    static func decode(_ bytes: [UInt8]) throws(ExtractionFailure) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(text: String(decoding: bytes.dropFirst(3), as: UTF8.self), encoding: "UTF-8")
        }
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            throw ExtractionFailure(.unsupported, "UTF-32 text is not supported")
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Decoded(text: utf16(bytes.dropFirst(2), bigEndian: false), encoding: "UTF-16LE")
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Decoded(text: utf16(bytes.dropFirst(2), bigEndian: true), encoding: "UTF-16BE")
        }
        if bytes.contains(0) {
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
        return Decoded(text: Windows1252.decode(bytes), encoding: "windows-1252")
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
        guard pairs >= 2, bytes.count % 2 == 0 else { return nil }
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
