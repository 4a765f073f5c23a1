import HDriveCore

/// EPUB books: the package document named by `META-INF/container.xml` gives the title and
/// author and the reading order (spine); each chapter is read as an HTML page.
struct EPUBExtractor: FormatExtractor {
    private static let opf = "http://www.idpf.org/2007/opf"
    private static let dc = "http://purl.org/dc/elements/1.1/"

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let package = OOXMLPackage(input: input)
        var packagePath: String?
        try package.read("META-INF/container.xml") { event, reader in
            if case .start(let name) = event, name.local == "rootfile", packagePath == nil {
                packagePath = reader.attribute("full-path", namespace: "")
            }
        }
        guard let packagePath else { throw corrupt("EPUB has no package document in META-INF/container.xml") }
        let directory = OOXMLPackage.split(packagePath).directory
        var manifest: [String: String] = [:]
        var spine: [String] = []
        var metadata = MetadataHandler(fields: [XMLName(EPUBExtractor.dc, "title"): .title,
                                                XMLName(EPUBExtractor.dc, "creator"): .author,
                                                XMLName(EPUBExtractor.dc, "language"): .language,
                                                XMLName(EPUBExtractor.dc, "subject"): .keywords])
        try package.read(packagePath) { event, reader in
            metadata.handle(event)
            guard case .start(let name) = event, name.namespace == EPUBExtractor.opf else { return }
            if name.local == "item", let id = reader.attribute("id", namespace: ""),
               let href = reader.attribute("href", namespace: "") {
                manifest[id] = directory.isEmpty ? href : directory + "/" + href
            } else if name.local == "itemref", let id = reader.attribute("idref", namespace: "") {
                spine.append(id)
            }
        }
        var collector = input.textCollector()
        var document = ExtractedDocument(type: .epub, mimeType: input.detected.mimeType, body: "")
        for id in spine where !collector.isFull {
            guard let part = manifest[id]?.removingPercentEscapes, let bytes = try input.part(part) else { continue }
            var reader = HTMLTextReader()
            collector.breakParagraph()
            try reader.read(bytes, deadline: input.deadline, into: &collector)
        }
        metadata.apply(to: &document)
        document.metadata.pageCount = spine.count
        document.body = collector.finishedText
        document.problem = collector.problem
        return document
    }
}

private extension String {
    /// "chapter%201.html" as the ZIP entry is named.
    var removingPercentEscapes: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == 0x25, utf8.distance(from: next, to: utf8.endIndex) >= 2,
               let value = UInt8(String(decoding: utf8[next..<utf8.index(next, offsetBy: 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(next, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = next
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
