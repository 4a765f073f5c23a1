import HDriveCore

/// PresentationML (.pptx, .pptm, .ppsx, .potx): slides in presentation order, each followed
/// by its charts, SmartArt, comments and notes; then the text on slide masters.
struct PPTXExtractor: FormatExtractor {
    private static let slideParts: Set<String> = ["chart", "diagramData", "comments"]

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let package = OOXMLPackage(input: input)
        let presentation = package.relationships(of: "ppt/presentation.xml")
        let slides = try slideOrder(package, relationships: presentation)
        var collector = input.textCollector()
        var document = ExtractedDocument(type: .pptx, mimeType: input.detected.mimeType, body: "")
        for slide in slides where !collector.isFull {
            try read(slide, package, into: &collector)
            for related in package.relationships(of: slide) where !related.isExternal && !collector.isFull {
                guard PPTXExtractor.slideParts.contains(related.kind) || related.kind == "notesSlide" else { continue }
                // A broken chart or note costs its own text, not the slide's.
                do {
                    try read(related.target, package, into: &collector)
                } catch {
                    document.problem = ExtractionFailure(.partial, error.message)
                }
            }
        }
        for master in presentation where master.kind == "slideMaster" && !collector.isFull {
            do {
                try read(master.target, package, placeholders: .master, into: &collector)
            } catch {
                document.problem = ExtractionFailure(.partial, error.message)
            }
        }
        document.metadata.pageCount = slides.count
        package.applyProperties(to: &document)
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }

    /// Slide parts in the order of `p:sldIdLst`, which is the order people see.
    private func slideOrder(_ package: OOXMLPackage,
                            relationships: [OOXMLRelationship]) throws(ExtractionFailure) -> [String] {
        let targets = Dictionary(relationships.map { ($0.id, $0.target) }, uniquingKeysWith: { first, _ in first })
        var order: [String] = []
        try package.read("ppt/presentation.xml") { event, reader in
            guard case .start(let name) = event, name == XMLName(OOXMLNames.presentation, "sldId"),
                  let id = reader.attribute("id", namespace: OOXMLNames.relationships),
                  let target = targets[id] else { return }
            order.append(target)
        }
        if order.isEmpty && package.input.archive?.entry(named: "ppt/presentation.xml") == nil {
            throw corrupt("presentation has no ppt/presentation.xml")
        }
        return order
    }

    private func read(_ part: String, _ package: OOXMLPackage, placeholders: DrawingTextHandler.Placeholders = .all,
                      into collector: inout TextCollector) throws(ExtractionFailure) {
        var handler = DrawingTextHandler()
        handler.placeholders = part.contains("/notesSlides/") ? .notes : placeholders
        collector.breakParagraph()
        if part.contains("/comments/") {
            try package.read(part, { event, _ in CommentTextHandler.handle(event, into: &collector) },
                             stopWhen: { collector.isFull })
        } else {
            try package.read(part, { event, reader in handler.handle(event, reader: reader, into: &collector) },
                             stopWhen: { collector.isFull })
        }
    }
}

/// PowerPoint comments (`p:cm`): the text in `p:text`, one paragraph each.
enum CommentTextHandler {
    static func handle(_ event: XMLEvent, into text: inout TextCollector) {
        switch event {
        case .start(let name) where name == XMLName(OOXMLNames.presentation, "text"): text.breakParagraph()
        case .text(let value): text.append(value)
        default: break
        }
    }
}
