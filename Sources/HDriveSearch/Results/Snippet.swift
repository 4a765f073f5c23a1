import HDriveText

/// A short passage of a document with the query's words marked.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte ranges of `text` to highlight, ascending, not overlapping.
    public var highlights: [Range<Int>]

    /// Safe to embed in HTML: everything escaped, highlights wrapped in `<mark>`.
    public var html: String { render(open: "<mark>", close: "</mark>", escape: Snippet.escapeHTML) }

    /// For a terminal or a log: highlights wrapped in the given markers.
    public func render(open: String, close: String, escape: (Substring) -> String = { String($0) }) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var cursor = 0
        for range in highlights where range.lowerBound >= cursor && range.upperBound <= bytes.count {
            out += escape(Substring(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self))
            out += open + escape(Substring(decoding: bytes[range], as: UTF8.self)) + close
            cursor = range.upperBound
        }
        out += escape(Substring(decoding: bytes[cursor...], as: UTF8.self))
        return out
    }

    /// Byte-wise: the five escaped characters are ASCII, and UTF-8 never uses ASCII bytes
    /// inside a multi-byte character, so every other byte is copied as it is.
    static func escapeHTML(_ text: Substring) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Picks the passage of a body where the most distinct query words stand close together; a
/// query word counts once whichever of its forms (its stem's other words, compounds) is there.
/// The first window holding every query word wins, so the body is analyzed only up to it.
struct SnippetBuilder {
    var analyzer: Analyzer
    /// Words in a passage.
    var windowTokens = 28
    /// Only this much of a long body is scanned; the start of a document is the likeliest place.
    var scanBytes = 256 * 1024
    /// Analyzes the whole body even once a window holds every query word (the tests' reference).
    var analyzesWholeBody = false

    /// Each term its own query word.
    func snippet(body: String, terms: Set<String>) -> Snippet {
        snippet(body: body, words: terms.map { [$0] })
    }

    /// `words`: per query word, the indexed forms that match it.
    func snippet(body: String, words: [Set<String>]) -> Snippet {
        var wordOf = FormLookup()
        for (index, forms) in words.enumerated() { for form in forms { wordOf[form] = index } }
        let scanned = body.utf8.count > scanBytes ? String(decoding: body.utf8.prefix(scanBytes), as: UTF8.self) : body
        // Each token's byte range.
        var starts: [Int] = [], ends: [Int] = []
        var windows = WindowChooser(windowTokens: windowTokens, wordCount: words.count)
        // Whether a word follows the last token analyzed.
        var wordsFollow = false
        analyzer.scanWords(in: scanned) { folded, _, start, end in
            if windows.complete && !analyzesWholeBody {
                wordsFollow = true
                return false
            }
            starts.append(start)
            ends.append(end)
            windows.add(wordOf[folded])
            return true
        }
        let tokenCount = starts.count
        guard tokenCount > 0 else { return Snippet(text: "", highlights: []) }
        windows.finish()
        let bestStart = windows.bestStart
        let bytes = Array(scanned.utf8)
        let end = min(tokenCount, bestStart + windowTokens)
        let from = bestStart == 0 ? 0 : starts[bestStart]
        // A passage that runs to the last token analyzed takes the text's end only when no word follows.
        let to = end == tokenCount && !wordsFollow ? bytes.count : ends[end - 1]
        var text = ""
        var highlights: [Range<Int>] = []
        text += from > 0 ? "… " : ""
        let passage = String(decoding: bytes[from..<to], as: UTF8.self)
        text += Self.collapseWhitespace(passage)
        text += to < bytes.count ? " …" : ""
        // Offsets move when whitespace collapses, so mark by re-analyzing the final text.
        analyzer.forEachWord(in: text) { folded, _, start, end in
            if wordOf[folded] != nil { highlights.append(start..<end) }
        }
        return Snippet(text: text, highlights: highlights)
    }

    /// Chooses the window: the start whose passage of `windowTokens` tokens holds the most
    /// distinct query words, the first holding all of them winning. A match's window (from three
    /// tokens before it) is weighed once all its tokens are known, in the order of the matches.
    struct WindowChooser {
        let windowTokens: Int
        let wordCount: Int
        /// Per token, the query word it stands for, if any.
        private var word: [Int?] = []
        private var matches: [Int] = []
        private var weighed = 0
        private var bestScore = 0
        private(set) var bestStart = 0
        /// A window holds every query word.
        private(set) var complete = false

        init(windowTokens: Int, wordCount: Int) {
            self.windowTokens = windowTokens
            self.wordCount = wordCount
        }

        mutating func add(_ form: Int?) {
            if form != nil { matches.append(word.count) }
            word.append(form)
            weigh(final: false)
        }

        /// Weighs the windows that run past the last token.
        mutating func finish() { weigh(final: true) }

        private mutating func weigh(final: Bool) {
            while !complete && weighed < matches.count {
                let first = max(0, matches[weighed] - 3)
                guard final || first + windowTokens <= word.count else { return }
                let distinct = SnippetBuilder.distinctWords(word[first..<min(word.count, first + windowTokens)], wordCount: wordCount)
                if distinct > bestScore { bestScore = distinct; bestStart = first }
                if distinct == wordCount { complete = true }
                weighed += 1
            }
        }
    }

    /// How many different query words a window holds: a bit per word when they fit in one
    /// word of memory (a set per window cost an allocation per match).
    static func distinctWords(_ window: ArraySlice<Int?>, wordCount: Int) -> Int {
        guard wordCount <= UInt64.bitWidth else { return Set(window.compactMap { $0 }).count }
        var seen: UInt64 = 0
        for case let word? in window { seen |= 1 << UInt64(word) }
        return seen.nonzeroBitCount
    }

    static func collapseWhitespace(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return collapseASCIIWhitespace(text) }
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            // ASCII decides without a Unicode property lookup.
            let isSpace = scalar.value < 0x80 ? scalar.value <= 0x20 || scalar.value == 0x7F : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The same for ASCII text, byte by byte.
    private static func collapseASCIIWhitespace(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte <= 0x20 || byte == 0x7F {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The query word a term is a form of. Most of a body's words are no form at all; their first
/// byte and byte length usually say so before a String is made and hashed.
struct FormLookup {
    private var words: [String: Int] = [:]
    /// Per first byte, bit n set: some form starting with it is n bytes long (bit 63: 63 or more).
    private var lengthsByFirstByte = [UInt64](repeating: 0, count: 256)

    subscript(term: String) -> Int? {
        get {
            guard let first = term.utf8.first, lengthsByFirstByte[Int(first)] & Self.bit(term.utf8.count) != 0 else { return nil }
            return words[term]
        }
        set {
            words[term] = newValue
            if let first = term.utf8.first { lengthsByFirstByte[Int(first)] |= Self.bit(term.utf8.count) }
        }
    }

    /// The same for a word's folded bytes: a String is made only for a word that starts as a
    /// form does and is as long.
    subscript(folded: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = folded.first, lengthsByFirstByte[Int(first)] & Self.bit(folded.count) != 0 else { return nil }
        return words[String(decoding: folded, as: UTF8.self)]
    }

    private static func bit(_ length: Int) -> UInt64 { 1 << UInt64(min(length, 63)) }
}
