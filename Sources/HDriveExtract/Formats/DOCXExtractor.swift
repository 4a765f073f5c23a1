import HDriveCore

/// WordprocessingML (.docx, .docm, .dotx, .dotm): the main document part, then footnotes,
/// endnotes, headers and footers, and the properties in `docProps/core.xml`.
struct DOCXExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let archive = try input.requiredArchive()
        let mainPart = mainDocumentPart(input) ?? "word/document.xml"
        guard let main = try input.part(mainPart) else { throw corrupt("Word document has no \(mainPart)") }
        var collector = TextCollector(limit: input.configuration.maxTextBytes)
        try readText(main, part: mainPart, input: input, into: &collector)
        var document = ExtractedDocument(type: .docx, mimeType: input.detected.mimeType, body: "")
        for entry in archive.entries where isSecondaryPart(entry.name) && !collector.isFull {
            // A broken footnote part must not cost the body text already read.
            do {
                guard let bytes = try input.part(entry.name) else { continue }
                collector.breakParagraph()
                try readText(bytes, part: entry.name, input: input, into: &collector)
            } catch {
                document.problem = ExtractionFailure(.partial, error.message)
            }
        }
        if let core = try? input.part("docProps/core.xml") {
            let (handler, failure) = MetadataHandler.read(core, part: "docProps/core.xml",
                                                          fields: OOXMLNames.metadataFields, input: input)
            handler.apply(to: &document)
            document.problem = document.problem ?? failure
        }
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }

    private func readText(_ bytes: [UInt8], part: String, input: ExtractionInput,
                          into collector: inout TextCollector) throws(ExtractionFailure) {
        let reader = try input.xmlReader(bytes, part: part)
        var handler = WordprocessingHandler()
        while !collector.isFull, let event = try reader.next() {
            handler.handle(event, into: &collector)
        }
    }

    private func isSecondaryPart(_ name: String) -> Bool {
        guard name.hasPrefix("word/"), name.hasSuffix(".xml"), !name.dropFirst(5).contains("/") else { return false }
        let file = name.dropFirst(5)
        return file == "footnotes.xml" || file == "endnotes.xml" || file.hasPrefix("header") || file.hasPrefix("footer")
    }

    /// The package relationships name the main part; it is almost always word/document.xml.
    private func mainDocumentPart(_ input: ExtractionInput) -> String? {
        guard let rels = try? input.part("_rels/.rels"),
              let reader = try? input.xmlReader(rels, part: "_rels/.rels") else { return nil }
        while let event = try? reader.next() {
            guard case .start(let name) = event, name.local == "Relationship",
                  let type = reader.attribute("Type", namespace: ""),
                  type.hasSuffix("/officeDocument"),
                  let target = reader.attribute("Target", namespace: "") else { continue }
            return target.hasPrefix("/") ? String(target.dropFirst()) : target
        }
        return nil
    }
}

/// Text rules of WordprocessingML: only `w:t` carries text (never `w:instrText` field codes
/// or `w:delText` deletions); tabs and breaks count only inside runs, since `w:tab` also
/// names tab stops in paragraph properties; `mc:Fallback` repeats what `mc:Choice` said.
struct WordprocessingHandler {
    private var inText = false
    private var runDepth = 0
    private var skipDepth = 0

    mutating func handle(_ event: XMLEvent, into text: inout TextCollector) {
        switch event {
        case .start(let name):
            if skipDepth > 0 || name == OOXMLNames.fallback { skipDepth += 1; return }
            guard OOXMLNames.word.contains(name.namespace) else { return }
            switch name.local {
            case "t": inText = true
            case "r": runDepth += 1
            case "tab" where runDepth > 0: text.append("\t")
            case "br" where runDepth > 0, "cr" where runDepth > 0: text.append("\n")
            case "noBreakHyphen" where runDepth > 0: text.append("-")
            default: break
            }
        case .end(let name):
            if skipDepth > 0 { skipDepth -= 1; return }
            guard OOXMLNames.word.contains(name.namespace) else { return }
            switch name.local {
            case "t": inText = false
            case "r": runDepth = max(runDepth - 1, 0)
            case "p", "tc": text.breakParagraph()
            default: break
            }
        case .text(let value):
            if inText && skipDepth == 0 { text.append(value) }
        }
    }
}

enum OOXMLNames {
    /// Transitional and Strict OOXML name the same elements differently.
    static let word: Set<String> = ["http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                    "http://purl.oclc.org/ooxml/wordprocessingml/main"]
    static let fallback = XMLName("http://schemas.openxmlformats.org/markup-compatibility/2006", "Fallback")
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
