import HDriveCore

/// Collects a document's text with paragraph breaks, up to a byte limit. Extractors stop
/// reading once `isFull`; the document is then marked partial rather than failed.
struct TextCollector {
    let limit: Int
    private(set) var text = ""
    private(set) var isFull = false
    private var byteCount = 0
    private var atLineStart = true
    private var lastWasSpace = false

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ piece: String) {
        guard !isFull, !piece.isEmpty else { return }
        let size = piece.utf8.count
        if byteCount + size <= limit {
            text += piece
            byteCount += size
        } else {
            appendCut(piece)
        }
        // Scalars, not Characters: grapheme breaking here cost a tenth of the parse time.
        atLineStart = piece.utf8.last == 0x0A
        lastWasSpace = piece.unicodeScalars.last.map(TextCollector.isWhitespace) ?? false
    }

    /// ODF rule: runs of spaces, tabs and newlines in text count as one space, and none at a
    /// paragraph's start (explicit `<text:s/>`, `<text:tab/>` go through `append`).
    mutating func appendCollapsingWhitespace(_ piece: String) {
        // Most pieces have nothing to collapse and are appended as they are.
        var space = lastWasSpace || atLineStart
        var clean = true
        for scalar in piece.unicodeScalars {
            let isSpace = TextCollector.isWhitespace(scalar)
            if isSpace && (space || scalar != " ") { clean = false; break }
            space = isSpace
        }
        if clean { return append(piece) }
        var out = String.UnicodeScalarView()
        space = lastWasSpace || atLineStart
        for scalar in piece.unicodeScalars {
            if TextCollector.isWhitespace(scalar) {
                if !space { out.append(" ") }
                space = true
            } else {
                out.append(scalar)
                space = false
            }
        }
        append(String(out))
    }

    /// Unicode's White_Space, with ASCII answered without the property tables (a third of
    /// an .odt's extraction time went to looking up every letter).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Ends the line, dropping one trailing space (left by collapsed whitespace).
    mutating func breakParagraph() {
        guard !text.isEmpty && !atLineStart else { return }
        if text.utf8.last == 0x20 {
            text.removeLast()
            byteCount -= 1
        }
        append("\n")
    }

    /// The text without trailing whitespace.
    var finishedText: String {
        var result = text
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }

    var problem: ExtractionFailure? {
        isFull ? ExtractionFailure(.partial, "text cut at \(TextCollector.format(limit))") : nil
    }

    private mutating func appendCut(_ piece: String) {
        for scalar in piece.unicodeScalars {
            let size = UTF8.width(scalar)
            guard byteCount + size <= limit else { break }
            text.unicodeScalars.append(scalar)
            byteCount += size
        }
        isFull = true
    }

    static func format(_ bytes: Int) -> String {
        let mebibyte = 1024 * 1024
        return bytes % mebibyte == 0 ? "\(bytes / mebibyte) MiB" : ByteCount.format(Int64(bytes))
    }
}
