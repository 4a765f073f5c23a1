import HDriveCore

/// WordprocessingML (.docx, .docm, .dotx, .dotm): the main document part with list labels,
/// then footnotes, endnotes, comments, headers, footers and charts, the attached template and
/// linked subdocuments, and the properties in `docProps/core.xml` and `app.xml`.
struct DOCXExtractor: FormatExtractor {
    private static let secondaryKinds: Set<String> = ["footnotes", "endnotes", "comments", "header", "footer"]

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let package = OOXMLPackage(input: input)
        let mainPart = mainDocumentPart(package) ?? "word/document.xml"
        guard input.archive?.entry(named: mainPart) != nil else { throw corrupt("Word document has no \(mainPart)") }
        var collector = input.textCollector()
        var handler = WordprocessingHandler(numbering: WordNumbering.read(package))
        try package.read(mainPart, { event, reader in handler.handle(event, reader: reader, into: &collector) },
                         stopWhen: { collector.isFull })
        var document = ExtractedDocument(type: .docx, mimeType: input.detected.mimeType, body: "")
        for related in package.relationships(of: mainPart) where !related.isExternal && !collector.isFull {
            let isChart = related.kind == "chart"
            guard isChart || DOCXExtractor.secondaryKinds.contains(related.kind) else { continue }
            // A broken footnote part must not cost the body text already read.
            do {
                collector.breakParagraph()
                var words = WordprocessingHandler(numbering: WordNumbering())
                var drawing = DrawingTextHandler()
                try package.read(related.target, { event, reader in
                    if isChart {
                        drawing.handle(event, reader: reader, into: &collector)
                    } else {
                        words.handle(event, reader: reader, into: &collector)
                    }
                }, stopWhen: { collector.isFull })
            } catch {
                document.problem = ExtractionFailure(.partial, error.message)
            }
        }
        for target in linkedDocuments(package, mainPart: mainPart) where !collector.isFull {
            collector.breakParagraph()
            collector.append(target)
        }
        package.applyProperties(to: &document)
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }

    /// The template a document is attached to and its linked subdocuments: outside the file,
    /// but people search for them by name. Word keeps the template in the settings part's
    /// relationships; some writers put it on the main part.
    private func linkedDocuments(_ package: OOXMLPackage, mainPart: String) -> [String] {
        let main = package.relationships(of: mainPart)
        let settings = main.filter { $0.kind == "settings" && !$0.isExternal }.flatMap { package.relationships(of: $0.target) }
        return (main + settings).filter { $0.isExternal && ($0.kind == "attachedTemplate" || $0.kind == "subDocument") }
            .map(\.target)
    }

    /// The package relationships name the main part; it is almost always word/document.xml.
    private func mainDocumentPart(_ package: OOXMLPackage) -> String? {
        package.relationships(of: "").first { $0.kind == "officeDocument" && !$0.isExternal }?.target
    }
}

enum OOXMLNames {
    /// Transitional and Strict OOXML name the same elements differently.
    static let word = ["http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                       "http://purl.oclc.org/ooxml/wordprocessingml/main"]

    /// A test per event: the reader gives these very strings, so `==` is a pointer comparison.
    static func isWord(_ namespace: String) -> Bool {
        namespace == word[0] || namespace == word[1]
    }
    static let fallback = XMLName("http://schemas.openxmlformats.org/markup-compatibility/2006", "Fallback")
    static let drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let chart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let presentation = "http://schemas.openxmlformats.org/presentationml/2006/main"
    static let spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let wordDrawing = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let vml = "urn:schemas-microsoft-com:vml"
    static let office = "urn:schemas-microsoft-com:office:office"
    static let core = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"

    static let metadataFields: [XMLName: MetadataHandler.Field] = [
        XMLName(dc, "title"): .title,
        XMLName(dc, "subject"): .subject,
        XMLName(dc, "creator"): .author,
        XMLName(core, "lastModifiedBy"): .lastModifiedBy,
        XMLName(dcterms, "created"): .created,
        XMLName(dcterms, "modified"): .modified,
        XMLName(core, "keywords"): .keywords,
        XMLName(dc, "language"): .language,
    ]
}
