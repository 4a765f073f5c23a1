import HDriveCore

/// Rich Text Format, in-process: text from the body, headers and footers and field results;
/// `\'hh` bytes decoded in the code page of `\ansicpg` or of the current font's `\fcharset`
/// (Shift_JIS, windows-1250...), `\uN` with its `\ucN` fallback skipped; title, author,
/// subject, keywords and dates from `\info`. Pictures, objects, font and style tables and
/// every `\*` destination (field codes, bookmarks, theme data) are skipped.
struct RTFExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        var parser = RTFParser(bytes: input.bytes, limit: input.configuration.maxTextBytes, deadline: input.deadline)
        try parser.run()
        var document = ExtractedDocument(type: .rtf, mimeType: input.detected.mimeType, body: parser.body.finishedText)
        document.title = parser.info["title"]
        document.metadata.author = parser.info["author"]
        document.metadata.lastModifiedBy = parser.info["operator"]
        document.metadata.subject = parser.info["subject"]
        document.metadata.keywords = parser.info["keywords"]
        document.metadata.created = parser.info["creatim"]
        document.metadata.modified = parser.info["revtim"]
        document.problem = parser.body.problem
        return document
    }
}

/// A single pass over the bytes with a stack of group states.
struct RTFParser {
    private struct Group {
        var skip = false
        var codePage = 1252
        var unicodeSkip = 1
        /// "" for the body; an `\info` field name ("title"), or "fonttbl".
        var destination = ""
    }

    private static let skipped: Set<String> = [
        "colortbl", "stylesheet", "listtable", "listoverridetable", "revtbl", "rsidtbl", "pict", "object", "objdata",
        "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "generator", "pgdsctbl", "filetbl",
        "nonshppict", "bkmkstart", "bkmkend", "fldinst", "xe", "tc", "private", "userprops", "docvar",
    ]
    private static let infoFields: Set<String> = ["title", "author", "operator", "subject", "keywords", "creatim", "revtim"]
    private static let symbols: [String: String] = [
        "par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "cell": "\t", "tab": "\t",
        "emdash": "\u{2014}", "endash": "\u{2013}", "bullet": "\u{2022}", "lquote": "\u{2018}", "rquote": "\u{2019}",
        "ldblquote": "\u{201C}", "rdblquote": "\u{201D}", "emspace": " ", "enspace": " ", "qmspace": " ",
    ]

    let bytes: [UInt8]
    let deadline: Deadline
    private(set) var body: TextCollector
    private(set) var info: [String: String] = [:]
    private var stack = [Group()]
    private var index = 0
    private var pending: [UInt8] = []
    private var skipCount = 0
    private var highSurrogate: UInt16?
    private var documentCodePage = 1252
    private var fonts: [Int: Int] = [:]
    private var fontBeingDefined = 0
    private var date: [String: Int] = [:]

    init(bytes: [UInt8], limit: Int, deadline: Deadline) {
        self.bytes = bytes
        self.deadline = deadline
        body = TextCollector(limit: limit)
    }

    mutating func run() throws(ExtractionFailure) {
        while index < bytes.count && !body.isFull {
            if index % 65_536 == 0 { try deadline.check() }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                flush()
                stack.append(stack.last!)
                if stack.count > 10_000 { throw corrupt("RTF groups are nested too deeply") }
                index += 1
            case UInt8(ascii: "}"):
                flush()
                closeGroup()
                index += 1
            case UInt8(ascii: "\\"):
                controlSymbol()
            case 0x0D, 0x0A:
                index += 1
            default:
                literal(byte)
                index += 1
            }
        }
        flush()
    }

    private mutating func closeGroup() {
        let closing = stack.last!
        if closing.destination == "creatim" || closing.destination == "revtim", let year = date["yr"] {
            func two(_ key: String) -> String { let value = date[key] ?? 0; return value < 10 ? "0\(value)" : "\(value)" }
            info[closing.destination] = "\(year)-\(two("mo"))-\(two("dy"))T\(two("hr")):\(two("min")):00"
            date = [:]
        }
        if stack.count > 1 { stack.removeLast() }
    }

    private mutating func literal(_ byte: UInt8) {
        if skipCount > 0 { skipCount -= 1; return }
        pending.append(byte)
    }

    private mutating func controlSymbol() {
        guard index + 1 < bytes.count else { index += 1; return }
        let next = bytes[index + 1]
        if isLetter(next) { return controlWord() }
        index += 2
        switch next {
        case UInt8(ascii: "'"):
            guard index + 2 <= bytes.count, let value = UInt8(String(decoding: bytes[index..<(index + 2)], as: UTF8.self), radix: 16) else {
                return
            }
            index += 2
            literal(value)
        case UInt8(ascii: "*"): stack[stack.count - 1].skip = true
        case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"): literal(next)
        case UInt8(ascii: "~"): emit("\u{A0}")
        case UInt8(ascii: "_"): emit("-")
        case 0x0D, 0x0A: emit("\n")
        default: break
        }
    }

    private mutating func controlWord() {
        var end = index + 1
        while end < bytes.count && end - index < 33 && isLetter(bytes[end]) { end += 1 }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        var numberEnd = end
        if numberEnd < bytes.count && bytes[numberEnd] == UInt8(ascii: "-") { numberEnd += 1 }
        while numberEnd < bytes.count && numberEnd - end < 11 && bytes[numberEnd] >= 0x30 && bytes[numberEnd] <= 0x39 {
            numberEnd += 1
        }
        let parameter = Int(String(decoding: bytes[end..<numberEnd], as: UTF8.self))
        index = numberEnd
        if index < bytes.count && bytes[index] == 0x20 { index += 1 }
        handle(name, parameter)
    }

    private mutating func handle(_ name: String, _ parameter: Int?) {
        var group: Group { get { stack[stack.count - 1] } set { stack[stack.count - 1] = newValue } }
        if let symbol = RTFParser.symbols[name] { return emit(symbol) }
        switch name {
        case "u":
            guard let value = parameter else { return }
            flush()
            emitUnit(UInt16(truncatingIfNeeded: value < 0 ? value + 65_536 : value))
            skipCount = group.unicodeSkip
        case "uc": group.unicodeSkip = max(0, min(parameter ?? 1, 8))
        case "ansicpg":
            flush()
            documentCodePage = parameter ?? 1252
            group.codePage = documentCodePage
        case "mac": group.codePage = 10000
        case "pc": group.codePage = 437
        case "pca": group.codePage = 850
        case "fonttbl": group.destination = "fonttbl"
        case "f":
            if group.destination == "fonttbl" {
                fontBeingDefined = parameter ?? 0
            } else {
                flush()
                group.codePage = fonts[parameter ?? 0] ?? documentCodePage
            }
        case "fcharset":
            if group.destination == "fonttbl", let codePage = CharsetDecoder.codePage(forRTFCharset: parameter ?? 0) {
                fonts[fontBeingDefined] = codePage
            }
        case "info": group.destination = "info"
        case "yr", "mo", "dy", "hr", "min": date[name] = parameter
        case "bin":
            flush()
            index += max(0, min(parameter ?? 0, bytes.count - index))
        default:
            if RTFParser.skipped.contains(name) { group.skip = true }
            if RTFParser.infoFields.contains(name) && (stack.dropLast().last?.destination == "info") {
                group.destination = name
            }
        }
    }

    private mutating func emitUnit(_ unit: UInt16) {
        if (0xD800...0xDBFF).contains(unit) { highSurrogate = unit; return }
        if let high = highSurrogate, (0xDC00...0xDFFF).contains(unit) {
            highSurrogate = nil
            return emit(String(decoding: [high, unit], as: UTF16.self))
        }
        highSurrogate = nil
        emit(String(decoding: [unit], as: UTF16.self))
    }

    private mutating func emit(_ text: String) {
        flush()
        let group = stack[stack.count - 1]
        guard !group.skip && group.destination != "fonttbl" && group.destination != "info" else { return }
        if group.destination.isEmpty {
            body.append(text)
        } else {
            info[group.destination, default: ""] += text
        }
    }

    /// Decodes the bytes gathered since the last flush in the group's code page: a
    /// double-byte character arrives as two `\'hh` and must be decoded as one.
    private mutating func flush() {
        guard !pending.isEmpty else { return }
        let bytes = pending
        pending = []
        let codePage = stack[stack.count - 1].codePage
        let text = bytes.allSatisfy({ $0 < 0x80 }) ? String(decoding: bytes, as: UTF8.self)
            : CharsetDecoder.decode(bytes, charset: CharsetDecoder.name(forCodePage: codePage)) ?? Windows1252.decode(bytes)
        emit(text)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }
}
