import HDriveCore

/// SpreadsheetML (.xlsx, .xlsm, .xltx): each sheet in workbook order as its name, then one
/// line per row with cells separated by tabs (shared strings, inline strings, formula
/// results, numbers as their number formats show them), then the sheet's comments, shapes
/// and charts. Data connections add their URLs and sources, which people search for too.
struct XLSXExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let package = OOXMLPackage(input: input)
        guard input.archive?.entry(named: "xl/workbook.xml") != nil else { throw corrupt("workbook has no xl/workbook.xml") }
        var collector = input.textCollector()
        var document = ExtractedDocument(type: .xlsx, mimeType: input.detected.mimeType, body: "")
        let strings = try SharedStrings.read(package, limit: input.configuration.maxTextBytes)
        let sheets = try sheetsInOrder(package)
        let formats = XLSXCellFormats.read(package)
        for (name, part) in sheets where !collector.isFull {
            collector.breakParagraph()
            collector.append(name)
            collector.breakParagraph()
            var cells = SheetCellHandler(strings: strings, formats: formats)
            try package.read(part, { event, reader in cells.handle(event, reader: reader, into: &collector) },
                             stopWhen: { collector.isFull })
            do {
                try readDrawings(of: part, package, into: &collector)
            } catch {
                document.problem = ExtractionFailure(.partial, error.message)
            }
        }
        try? readConnections(package, into: &collector)
        document.metadata.pageCount = sheets.count
        package.applyProperties(to: &document)
        document.body = collector.finishedText
        document.problem = collector.problem ?? (strings.isCut ? ExtractionFailure(.partial, "shared strings cut at the text limit") : nil)
            ?? document.problem
        return document
    }

    /// (name, part) of each sheet, in the order of `<sheets>`.
    private func sheetsInOrder(_ package: OOXMLPackage) throws(ExtractionFailure) -> [(String, String)] {
        let relationships = package.relationships(of: "xl/workbook.xml")
        let targets = Dictionary(relationships.map { ($0.id, $0.target) }, uniquingKeysWith: { first, _ in first })
        var sheets: [(String, String)] = []
        try package.read("xl/workbook.xml") { event, reader in
            guard case .start(let name) = event, name == XMLName(OOXMLNames.spreadsheet, "sheet"),
                  let id = reader.attribute("id", namespace: OOXMLNames.relationships), let part = targets[id] else { return }
            sheets.append((reader.attribute("name", namespace: "") ?? "", part))
        }
        return sheets
    }

    /// Comments, and shapes and charts in the sheet's drawing.
    private func readDrawings(of sheet: String, _ package: OOXMLPackage,
                              into collector: inout TextCollector) throws(ExtractionFailure) {
        for related in package.relationships(of: sheet) where !related.isExternal && !collector.isFull {
            switch related.kind {
            case "comments":
                collector.breakParagraph()
                var inText = false
                try package.read(related.target, { event, _ in
                    switch event {
                    case .start(let name): if name.local == "comment" { collector.breakParagraph() }; inText = name.local == "t" || inText
                    case .end(let name): if name.local == "t" { inText = false }
                    case .text(let value): if inText { collector.append(value) }
                    }
                }, stopWhen: { collector.isFull })
            case "drawing":
                var parts = [related.target]
                parts += package.relationships(of: related.target).filter { $0.kind == "chart" && !$0.isExternal }.map(\.target)
                for part in parts {
                    var handler = DrawingTextHandler()
                    collector.breakParagraph()
                    try package.read(part, { event, reader in handler.handle(event, reader: reader, into: &collector) },
                                     stopWhen: { collector.isFull })
                }
            default:
                break
            }
        }
    }

    private func readConnections(_ package: OOXMLPackage, into collector: inout TextCollector) throws(ExtractionFailure) {
        let attributes = [("connection", "name"), ("connection", "description"), ("webPr", "url"),
                          ("dbPr", "connection"), ("textPr", "sourceFile"), ("olapPr", "connection")]
        try package.read("xl/connections.xml", { event, reader in
            guard case .start(let name) = event else { return }
            for (element, attribute) in attributes where element == name.local {
                if let value = reader.attribute(attribute, namespace: ""), !value.isEmpty {
                    collector.breakParagraph()
                    collector.append(value)
                }
            }
        }, stopWhen: { collector.isFull })
    }
}
