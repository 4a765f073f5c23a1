import HDriveCore

/// OpenDocument: text, spreadsheets, presentations and drawings (.odt .ods .odp .odg and the
/// templates), packaged or as flat XML (.fodt .fods .fodp). The body comes from `content.xml`,
/// then the text on master pages (headers, footers, slide masters) from `styles.xml`, then
/// embedded objects (`Object 1/content.xml`); properties from `meta.xml`.
struct ODFExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        var document = ExtractedDocument(type: .odt, mimeType: input.detected.mimeType, body: "")
        var collector = input.textCollector()
        var metadata = MetadataHandler(fields: ODFNames.metadataFields)
        let spreadsheet = input.detected.mimeType.contains("spreadsheet")
        if input.archive == nil {
            // Flat XML, one pass: properties come before office:body (comments inside it carry
            // dc:creator too), and master pages before the body.
            var scopes = ODFScopes(reading: [ODFNames.officeBody, ODFNames.masterStyles])
            let reader = try input.xmlReader(input.bytes, part: "flat XML document")
            try read(reader, scopes: &scopes, spreadsheet: spreadsheet, into: &collector) { event in
                if case .start(ODFNames.officeBody) = event { metadata.stop() }
                metadata.handle(event)
            }
            document.metadata.pageCount = scopes.pages
        } else {
            try refuseIfEncrypted(input)
            guard let content = try input.xmlReader(forPart: "content.xml") else {
                throw corrupt("ODF document has no content.xml")
            }
            var body = ODFScopes(reading: [ODFNames.officeBody])
            try read(content, scopes: &body, spreadsheet: spreadsheet, into: &collector)
            document.metadata.pageCount = body.pages
            document.problem = readSecondaryParts(input, into: &collector)
            if let meta = try? input.part("meta.xml") {
                let (handler, failure) = MetadataHandler.read(meta, part: "meta.xml", fields: ODFNames.metadataFields,
                                                              input: input)
                metadata = handler
                document.problem = document.problem ?? failure
            }
        }
        let pages = document.metadata.pageCount
        metadata.apply(to: &document)
        document.metadata.pageCount = pages
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }

    /// Master pages and embedded objects: a broken one costs its own text, not the body's.
    private func readSecondaryParts(_ input: ExtractionInput, into collector: inout TextCollector) -> ExtractionFailure? {
        var problem: ExtractionFailure?
        let objects = input.archive?.entries.map(\.name).filter { name in
            name.hasSuffix("/content.xml") && name.split(separator: "/").count == 2
        } ?? []
        for part in ["styles.xml"] + objects where !collector.isFull {
            do {
                guard let reader = try input.xmlReader(forPart: part) else { continue }
                var scopes = ODFScopes(reading: part == "styles.xml" ? [ODFNames.masterStyles] : [ODFNames.officeBody])
                collector.breakParagraph()
                try read(reader, scopes: &scopes, spreadsheet: false, into: &collector)
            } catch {
                problem = ExtractionFailure(.partial, error.message)
            }
        }
        return problem
    }

    /// ODF encrypts parts itself (not with ZIP encryption) and says so in the manifest.
    private func refuseIfEncrypted(_ input: ExtractionInput) throws(ExtractionFailure) {
        guard let manifest = try? input.part("META-INF/manifest.xml") else { return }
        if ContentSniffer.contains(Array("encryption-data".utf8), in: manifest[...]) {
            throw ExtractionFailure(.encrypted, "ODF document is password-protected")
        }
    }

    private func read(_ reader: XMLPartReader, scopes: inout ODFScopes, spreadsheet: Bool,
                      into collector: inout TextCollector,
                      also observe: (XMLEvent) -> Void = { _ in }) throws(ExtractionFailure) {
        var body = ODFBodyHandler(noteLimit: collector.limit)
        while !collector.isFull, let event = try reader.next() {
            observe(event)
            guard scopes.admits(event) else { continue }
            if spreadsheet, case .start(ODFNames.table) = event,
               let name = reader.attribute("name", namespace: ODFNames.tableNamespace) {
                collector.breakParagraph()
                collector.append(name)
                collector.breakParagraph()
            }
            body.handle(event, reader: reader, into: &collector)
        }
        collector.breakParagraph()
        collector.append(body.notes.finishedText)
    }
}

/// Which parts of an ODF XML file hold text worth indexing (office:body, office:master-styles),
/// and how many pages, sheets or slides went by.
struct ODFScopes {
    let reading: Set<XMLName>
    private var depth = 0
    private(set) var pages = 0

    init(reading: Set<XMLName>) {
        self.reading = reading
    }

    mutating func admits(_ event: XMLEvent) -> Bool {
        switch event {
        case .start(let name):
            if reading.contains(name) { depth += 1 }
            if depth > 0 && (name == ODFNames.drawPage || name == ODFNames.table) { pages += 1 }
            return depth > 0
        case .end(let name):
            let inside = depth > 0
            if reading.contains(name) { depth -= 1 }
            return inside
        case .text:
            return depth > 0
        }
    }
}
