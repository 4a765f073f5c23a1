/// Turns text into terms, the same way for documents and for queries, so that what a person
/// types meets what a file says.
///
/// Words are runs of letters and digits (combining marks stay with their letter). Each word is
/// case-folded and diacritic-folded. Codes such as `BZ-2008-117` become several words that a
/// phrase query finds in order.
public struct Analyzer: Sendable {
    /// Longer runs are base64, hashes or binary noise, not words anyone types.
    public var maxTokenLength: Int

    public init(maxTokenLength: Int = 64) {
        self.maxTokenLength = maxTokenLength
    }

    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        forEachToken(in: text) { tokens.append($0) }
        return tokens
    }

    /// The normalized terms of a text, in order.
    public func terms(in text: String) -> [String] {
        var terms: [String] = []
        forEachToken(in: text) { terms.append($0.term) }
        return terms
    }

    public func forEachToken(in text: String, _ body: (Token) -> Void) {
        forEachWord(in: text) { folded, position, start, end in
            body(Token(term: String(decoding: folded, as: UTF8.self), position: position, start: start, end: end))
        }
    }

    /// Each word's folded UTF-8 (valid only during the call), position and byte range: the
    /// tokens without a String made for each, for callers that look most words up and keep
    /// few (snippets).
    public func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>, _ position: Int, _ start: Int, _ end: Int) -> Void) {
        var text = text
        text.withUTF8 { bytes in scan(bytes) { body($0, $1, $2, $3); return true } }
    }

    /// As `forEachWord`, until `body` returns false.
    public func scanWords(in text: String, _ body: (UnsafeBufferPointer<UInt8>, _ position: Int, _ start: Int, _ end: Int) -> Bool) {
        var text = text
        text.withUTF8 { bytes in scan(bytes, body) }
    }

    /// As `scanWords(in:)`, over text's valid UTF-8.
    public func scanWords(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ position: Int, _ start: Int, _ end: Int) -> Bool) {
        scan(bytes, body)
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int, Int, Int) -> Bool) {
        var position = 0
        var index = 0
        var wordStart = -1
        // A word is handed over as the text's own bytes while none of them needs folding (most
        // words: lowercase ASCII); from the first that does, its folded UTF-8 is built in
        // `folded`. Copying every byte cost more than the rest of the scan.
        var folding = false
        var folded: [UInt8] = []
        folded.reserveCapacity(64)
        var scalarCount = 0
        var stopped = false

        func startFolding(at index: Int) {
            folding = true
            folded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[wordStart..<index]))
        }

        func finishWord(at end: Int) {
            // Called for every separator: between words there is nothing to reset.
            guard wordStart >= 0 else { return }
            if scalarCount <= maxTokenLength {
                if !folding {
                    stopped = !body(UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), position, wordStart, end)
                    position += 1
                } else if !folded.isEmpty {
                    stopped = !folded.withUnsafeBufferPointer { body($0, position, wordStart, end) }
                    position += 1
                }
            }
            wordStart = -1
            if folding {
                folding = false
                folded.removeAll(keepingCapacity: true)
            }
            scalarCount = 0
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if Self.isASCIIWordByte(byte) {
                    if wordStart < 0 { wordStart = index }
                    let isUpper = byte >= 0x41 && byte <= 0x5A
                    if !folding && isUpper { startFolding(at: index) }
                    if folding { folded.append(isUpper ? byte | 0x20 : byte) }
                    scalarCount += 1
                } else {
                    finishWord(at: index)
                    if stopped { return }
                }
                index += 1
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            if Self.isWordScalar(scalar) {
                if wordStart < 0 { wordStart = index }
                if !folding { startFolding(at: index) }
                var piece = ""
                CharacterFolding.appendFolded(scalar, to: &piece)
                folded.append(contentsOf: piece.utf8)
                scalarCount += 1
            } else if wordStart >= 0 && scalar.properties.generalCategory == .nonspacingMark {
                // A combining accent belongs to the letter before it and folds away.
                if !folding { startFolding(at: index) }
            } else {
                finishWord(at: index)
                if stopped { return }
            }
            index += length
        }
        finishWord(at: bytes.count)
    }

    /// Folds one word as the analyzer would (for query words and suggestions).
    public func normalize(_ word: String) -> String {
        terms(in: word).joined()
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType == .decimal
    }

    /// Decodes a scalar from bytes that are valid UTF-8 (they come from a Swift String), and
    /// says how many bytes it takes.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[index])
        let length: Int
        var value: UInt32
        if b0 >= 0xF0 { length = 4; value = b0 & 0x07 } else if b0 >= 0xE0 { length = 3; value = b0 & 0x0F } else { length = 2; value = b0 & 0x1F }
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
