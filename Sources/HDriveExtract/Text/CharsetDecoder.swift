import Glibc

/// Decodes bytes in a named character set (a mail's `charset=`, an RTF code page) through
/// glibc's iconv, which knows the legacy sets twenty years of files use: windows-125x,
/// ISO-8859-x, KOI8-R, Shift_JIS, EUC-JP, GBK, Big5, EBCDIC. Invalid bytes become U+FFFD:
/// one bad byte must not cost a whole mail.
enum CharsetDecoder {
    /// The text, or nil when iconv does not know the character set.
    static func decode<C: Collection>(_ bytes: C, charset: String) -> String? where C.Element == UInt8 {
        let name = normalized(charset)
        if name == "UTF-8" { return String(decoding: bytes, as: UTF8.self) }
        let converter = iconv_open("UTF-8", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        var chunk = [CChar](repeating: 0, count: 16 * 1024)
        var consumed = 0
        while consumed < input.count {
            var inLeft = input.count - consumed
            var outLeft = chunk.count
            let result = input.withUnsafeMutableBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    var inPointer: UnsafeMutablePointer<CChar>? = source.baseAddress! + consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = target.baseAddress
                    return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                }
            }
            let failure = result == -1 ? errno : 0
            output += chunk[0..<(chunk.count - outLeft)].map { UInt8(bitPattern: $0) }
            consumed = input.count - inLeft
            if failure == EILSEQ || failure == EINVAL {
                output += [0xEF, 0xBF, 0xBD]  // U+FFFD, then go on after the bad byte
                consumed += 1
            } else if failure != 0 && failure != E2BIG {
                break
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// True when iconv knows the character set.
    static func knows(_ charset: String) -> Bool {
        let converter = iconv_open("UTF-8", normalized(charset))
        guard let converter, converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    /// Windows code page numbers (RTF `\ansicpg`, `\fcharset`, MSG and property sets) as
    /// iconv names.
    static func name(forCodePage codePage: Int) -> String {
        switch codePage {
        case 65001: "UTF-8"
        case 1200: "UTF-16LE"
        case 1201: "UTF-16BE"
        case 932: "CP932"
        case 936: "GBK"
        case 949: "CP949"
        case 950: "BIG5"
        case 10000: "MACINTOSH"
        case 20866: "KOI8-R"
        case 21866: "KOI8-U"
        case 28591...28599: "ISO-8859-\(codePage - 28590)"
        default: "CP\(codePage)"
        }
    }

    /// RTF's `\fcharsetN` as a Windows code page.
    static func codePage(forRTFCharset charset: Int) -> Int? {
        [0: 1252, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256,
         186: 1257, 204: 1251, 222: 874, 238: 1250, 77: 10000][charset]
    }

    private static func normalized(_ charset: String) -> String {
        let name = charset.trimmingCharactersInWhitespace().uppercased()
        switch name {
        case "UTF8", "UTF-8", "UNICODE-1-1-UTF-8": return "UTF-8"
        // Mail and web clients label windows-1252 text as Latin-1 more often than not.
        case "ISO-8859-1", "LATIN1", "US-ASCII", "ASCII", "ANSI_X3.4-1968": return "CP1252"
        case "X-SJIS", "SJIS", "SHIFT-JIS": return "SHIFT_JIS"
        case "GB2312", "X-GBK": return "GBK"
        default: return name.hasPrefix("WINDOWS-") ? "CP" + name.dropFirst(8) : name
        }
    }
}
