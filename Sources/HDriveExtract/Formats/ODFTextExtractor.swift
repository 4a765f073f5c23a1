import HDriveCore

/// OpenDocument text (.odt, .ott) from `content.xml` and `meta.xml`, and flat XML (.fodt),
/// which holds both in one file.
struct ODFTextExtractor: FormatExtractor {
    static let flatMimeType = "application/vnd.oasis.opendocument.text-flat-xml"

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        var document = ExtractedDocument(type: .odt, mimeType: input.detected.mimeType, body: "")
        var collector = TextCollector(limit: input.configuration.maxTextBytes)
        var metadata = MetadataHandler(fields: ODFNames.metadataFields)
        if input.detected.mimeType == ODFTextExtractor.flatMimeType {
            // One pass: properties come before office:body (comments inside it carry dc:creator too).
            var inBody = false
            try readBody(input.bytes, part: "flat XML document", input: input, into: &collector) { event in
                if case .start(ODFNames.officeBody) = event { inBody = true }
                if !inBody { metadata.handle(event) }
            }
        } else {
            try refuseIfEncrypted(input)
            guard let content = try input.part("content.xml") else { throw corrupt("ODF document has no content.xml") }
            try readBody(content, part: "content.xml", input: input, into: &collector) { _ in }
            if let meta = try? input.part("meta.xml") {
                let (handler, failure) = MetadataHandler.read(meta, part: "meta.xml", fields: ODFNames.metadataFields,
                                                              input: input)
                metadata = handler
                document.problem = failure
            }
        }
        metadata.apply(to: &document)
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }

    /// ODF encrypts parts itself (not with ZIP encryption) and says so in the manifest.
    private func refuseIfEncrypted(_ input: ExtractionInput) throws(ExtractionFailure) {
        guard let manifest = try? input.part("META-INF/manifest.xml") else { return }
        let marker = Array("encryption-data".utf8)
        if manifest.count >= marker.count,
           (0...(manifest.count - marker.count)).contains(where: { manifest[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            throw ExtractionFailure(.encrypted, "ODF document is password-protected")
        }
    }

    private func readBody(_ bytes: [UInt8], part: String, input: ExtractionInput, into collector: inout TextCollector,
                          also observe: (XMLEvent) -> Void) throws(ExtractionFailure) {
        let reader = try input.xmlReader(bytes, part: part)
        var body = ODFBodyHandler(noteLimit: collector.limit)
        while !collector.isFull, let event = try reader.next() {
            observe(event)
            body.handle(event, reader: reader, into: &collector)
        }
        collector.breakParagraph()
        collector.append(body.notes.finishedText)
    }
}

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
            guard name.namespace == ODFNames.text else { return }
            switch name.local {
            case "p", "h":
                text.breakParagraph()
                paragraphDepth += 1
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
            if name.namespace == ODFNames.text && (name.local == "p" || name.local == "h") {
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
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let dc = "http://purl.org/dc/elements/1.1/"

    static let tableCell = XMLName(table, "table-cell")
    static let officeBody = XMLName(office, "body")
    static let noteBody = XMLName(text, "note-body")
    /// Deleted text kept for change tracking, footnote numbers glued to the word before, and
    /// the author and date stamped on each comment.
    static let skipped: Set<XMLName> = [XMLName(text, "tracked-changes"), XMLName(text, "note-citation"),
                                        XMLName(dc, "creator"), XMLName(dc, "date"), XMLName(meta, "date-string")]

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
