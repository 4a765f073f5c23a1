import HDriveCore

/// Text rules of ODF's text namespace: paragraphs and headings, explicit spaces, tabs and
/// line breaks; whitespace in character data collapses. Footnotes go after the body, as in
/// DOCX, so that the sentence around a footnote stays one phrase.
struct ODFBodyHandler {
    private var bodyRules = ODFTextRules()
    private var noteRules = ODFTextRules()
    private var noteDepth = 0
    private(set) var notes: TextCollector

    init(noteLimit: Int) {
        notes = TextCollector(limit: noteLimit)
    }

    mutating func handle(_ event: XMLEvent, reader: XMLPartReader, into text: inout TextCollector) {
        if case .start(ODFNames.noteBody) = event { noteDepth += 1 }
        if case .end(ODFNames.noteBody) = event { noteDepth -= 1 }
        if noteDepth > 0 {
            noteRules.handle(event, reader: reader, into: &notes)
        } else {
            bodyRules.handle(event, reader: reader, into: &text)
        }
    }
}

/// The element rules themselves, kept apart so that body and footnotes each track their own depth.
struct ODFTextRules {
    private var paragraphDepth = 0
    private var skipDepth = 0

    mutating func handle(_ event: XMLEvent, reader: XMLPartReader, into text: inout TextCollector) {
        switch event {
        case .start(let name):
            if skipDepth > 0 || ODFNames.skipped.contains(name) { skipDepth += 1; return }
            if ODFNames.paragraphs.contains(name) {
                text.breakParagraph()
                paragraphDepth += 1
                return
            }
            guard name.namespace == ODFNames.text else { return }
            switch name.local {
            case "s":
                let count = reader.attribute("c", namespace: ODFNames.text).flatMap { Int($0) } ?? 1
                text.append(String(repeating: " ", count: min(max(count, 1), 1000)))
            case "tab":
                text.append("\t")
            case "line-break":
                text.append("\n")
            default:
                break
            }
        case .end(let name):
            if skipDepth > 0 { skipDepth -= 1; return }
            if ODFNames.paragraphs.contains(name) {
                paragraphDepth -= 1
                text.breakParagraph()
            } else if name == ODFNames.tableCell {
                text.breakParagraph()
            }
        case .text(let value):
            if paragraphDepth > 0 && skipDepth == 0 { text.appendCollapsingWhitespace(value) }
        }
    }
}

enum ODFNames {
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let tableNamespace = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    static let svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    static let dc = "http://purl.org/dc/elements/1.1/"

    static let table = XMLName(tableNamespace, "table")
    static let tableCell = XMLName(tableNamespace, "table-cell")
    static let drawPage = XMLName(draw, "page")
    static let officeBody = XMLName(office, "body")
    static let masterStyles = XMLName(office, "master-styles")
    static let noteBody = XMLName(text, "note-body")
    /// Elements whose text is a paragraph of its own; shape titles and descriptions are
    /// what people type as alt text.
    static let paragraphs: Set<XMLName> = [XMLName(text, "p"), XMLName(text, "h"), XMLName(svg, "title"),
                                           XMLName(svg, "desc")]
    /// Deleted text kept for change tracking, footnote numbers glued to the word before, the
    /// author and date stamped on each comment, and page-number fields ("<number>" on masters).
    static let skipped: Set<XMLName> = [XMLName(text, "tracked-changes"), XMLName(text, "note-citation"),
                                        XMLName(dc, "creator"), XMLName(dc, "date"), XMLName(meta, "date-string"),
                                        XMLName(text, "page-number"), XMLName(text, "page-count")]

    static let metadataFields: [XMLName: MetadataHandler.Field] = [
        XMLName(dc, "title"): .title,
        XMLName(dc, "subject"): .subject,
        XMLName(meta, "initial-creator"): .author,
        XMLName(dc, "creator"): .lastModifiedBy,
        XMLName(meta, "creation-date"): .created,
        XMLName(dc, "date"): .modified,
        XMLName(meta, "keyword"): .keywords,
        XMLName(dc, "language"): .language,
    ]
}
