import HDriveText

/// A short passage of a document with the query's words marked.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte ranges of `text` to highlight, ascending, not overlapping.
    public var highlights: [Range<Int>]

    /// Safe to embed in HTML: everything escaped, highlights wrapped in `<mark>`. Written
    /// byte by byte into one buffer: every hit of every search makes one.
    public var html: String {
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { bytes in
            out.reserveCapacity(bytes.count + highlights.count * 13 + 32)
            var cursor = 0
            for range in highlights where range.lowerBound >= cursor && range.upperBound <= bytes.count {
                Self.appendEscapingHTML(bytes[cursor..<range.lowerBound], to: &out)
                out.append(contentsOf: "<mark>".utf8)
                Self.appendEscapingHTML(bytes[range], to: &out)
                out.append(contentsOf: "</mark>".utf8)
                cursor = range.upperBound
            }
            Self.appendEscapingHTML(bytes[cursor...], to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

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
    static func appendEscapingHTML(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        var copied = bytes.startIndex
        for index in bytes.indices {
            let escaped: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): escaped = "&amp;"
            case UInt8(ascii: "<"): escaped = "&lt;"
            case UInt8(ascii: ">"): escaped = "&gt;"
            case UInt8(ascii: "\""): escaped = "&quot;"
            case UInt8(ascii: "'"): escaped = "&#39;"
            default: continue
            }
            out.append(contentsOf: bytes[copied..<index])
            out.append(contentsOf: UnsafeBufferPointer(start: escaped.utf8Start, count: escaped.utf8CodeUnitCount))
            copied = index + 1
        }
        out.append(contentsOf: bytes[copied...])
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
        snippet(body: body, forms: FormLookup(words: words))
    }

    /// `forms`: made once for a search's page of snippets.
    func snippet(body: String, forms wordOf: FormLookup) -> Snippet {
        var body = body
        return body.withUTF8 { whole in
            var cut = min(whole.count, scanBytes)
            // Not inside a character: back to the start of the one cut.
            while cut < whole.count && cut > 0 && whole[cut] & 0xC0 == 0x80 { cut -= 1 }
            let scanned = UnsafeBufferPointer(rebasing: whole[..<cut])
            // Each token's byte range.
            var starts: [Int] = [], ends: [Int] = []
            var windows = WindowChooser(windowTokens: windowTokens, wordCount: wordOf.wordCount)
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
            let end = min(tokenCount, bestStart + windowTokens)
            let from = bestStart == 0 ? 0 : starts[bestStart]
            // A passage that runs to the last token analyzed takes the text's end only when no word follows.
            let to = end == tokenCount && !wordsFollow ? scanned.count : ends[end - 1]
            // The matches' byte ranges within the passage.
            let marks = (bestStart..<end).filter { windows.isMatch($0) }.map { starts[$0] - from..<ends[$0] - from }
            var text: [UInt8] = []
            text.reserveCapacity(to - from + 8)
            if from > 0 { text.append(contentsOf: "… ".utf8) }
            let highlights = Self.collapseWhitespace(UnsafeBufferPointer(rebasing: scanned[from..<to]), marks: marks, into: &text)
            if to < whole.count { text.append(contentsOf: " …".utf8) }
            return Snippet(text: String(decoding: text, as: UTF8.self), highlights: highlights)
        }
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

        /// Whether token `index` is a form of a query word.
        func isMatch(_ index: Int) -> Bool { word[index] != nil }

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

    /// Appends `bytes` (valid UTF-8) to `out` with each run of whitespace made one space and
    /// none at either end; returns where `marks` (ascending byte ranges of `bytes` that start
    /// and end with a word's bytes) land in `out`. Moving the marks along spares analyzing the
    /// passage a second time to find its words.
    static func collapseWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, marks: [Range<Int>], into out: inout [UInt8]) -> [Range<Int>] {
        var moved: [Range<Int>] = []
        moved.reserveCapacity(marks.count)
        var mark = 0, markStart = 0
        var pendingSpace = false
        let first = out.count
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int, isSpace: Bool
            if byte < 0x80 {
                // ASCII decides without a Unicode property lookup.
                length = 1
                isSpace = byte <= 0x20 || byte == 0x7F
            } else {
                let (scalar, scalarLength) = Analyzer.decode(bytes, at: index)
                length = scalarLength
                isSpace = scalar.properties.isWhitespace
            }
            if isSpace {
                pendingSpace = out.count > first
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                if mark < marks.count && index == marks[mark].lowerBound { markStart = out.count }
                if length == 1 { out.append(byte) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length])) }
                if mark < marks.count && index + length == marks[mark].upperBound {
                    moved.append(markStart..<out.count)
                    mark += 1
                }
            }
            index += length
        }
        return moved
    }
}

/// The query word a term is a form of. Most of a body's words are no form at all; their first
/// byte and byte length usually say so before a String is made and hashed.
struct FormLookup {
    /// How many query words the forms stand for.
    private(set) var wordCount = 0
    private var words: [String: Int] = [:]
    /// Per first byte, bit n set: some form starting with it is n bytes long (bit 63: 63 or more).
    private var lengthsByFirstByte = [UInt64](repeating: 0, count: 256)

    init() {}

    /// `words`: per query word, its forms.
    init(words forms: [Set<String>]) {
        words.reserveCapacity(forms.reduce(0) { $0 + $1.count })
        for (index, group) in forms.enumerated() { for form in group { self[form] = index } }
        wordCount = max(wordCount, forms.count)
    }

    subscript(term: String) -> Int? {
        get {
            guard let first = term.utf8.first, lengthsByFirstByte[Int(first)] & Self.bit(term.utf8.count) != 0 else { return nil }
            return words[term]
        }
        set {
            words[term] = newValue
            if let newValue { wordCount = max(wordCount, newValue + 1) }
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
