/// What the first bytes of a file say about it, cheaply: magic numbers of the container
/// formats, and whether the rest looks like markup, text or binary. libmagic (about 140 µs
/// a call) is asked only when this and the extension disagree, or the extension is unknown.
enum Sniff: Hashable {
    case zip, compound, pdf, rtf, gzip
    case html, xml
    case text
    case binary
}

enum ContentSniffer {
    static func sniff(_ prefix: [UInt8]) -> Sniff {
        if ZipArchive.looksLikeZip(prefix) { return .zip }
        if prefix.starts(with: CompoundFile.signature) { return .compound }
        if prefix.starts(with: [0x1F, 0x8B]) { return .gzip }
        if prefix.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        // PDF readers accept the header anywhere in the first kilobyte.
        if contains(Array("%PDF-".utf8), in: prefix.prefix(1024)) { return .pdf }
        let ascii = asciiView(prefix)
        if PlainTextDecoder.hasZero(ascii[...]) || PlainTextDecoder.looksBinary(ascii) { return .binary }
        let head = ascii.prefix(2048).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard head.first == UInt8(ascii: "<") else { return .text }
        let lowered = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        if contains(Array("<!doctype html".utf8), in: lowered[...]) || contains(Array("<html".utf8), in: lowered[...]) {
            return .html
        }
        return .xml
    }

    /// The bytes with a BOM removed; for UTF-16, every other byte, which for markup and
    /// Latin text is the ASCII one (enough to see "<html" or binary).
    private static func asciiView(_ prefix: [UInt8]) -> [UInt8] {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(prefix.dropFirst(3)) }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
            let start = prefix[0] == 0xFF ? 2 : 3
            return stride(from: start, to: prefix.count, by: 2).map { prefix[$0] }
        }
        if let guess = PlainTextDecoder.utf16Guess(prefix) {
            let start = guess ? 1 : 0
            return stride(from: start, to: prefix.count, by: 2).map { prefix[$0] }
        }
        return prefix
    }

    static func contains(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
