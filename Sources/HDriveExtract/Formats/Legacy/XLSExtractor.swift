import HDriveCore

/// Excel 97-2003 (.xls, BIFF8; Excel 5/95 BIFF5 too), in-process: each sheet in workbook
/// order as its name, then one line per row with cells separated by tabs, shown through
/// their number formats as Excel shows them, then the sheet's text boxes, comments,
/// header and footer. Chart sheets give their name only.
struct XLSExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let compound = try input.requiredCompound()
        try LegacyEncryption.refuse(compound)
        // Excel 5/95 named the stream "Book".
        var stream = try compound.read("Workbook")
        if stream == nil { stream = try compound.read("Book") }
        guard let stream else {
            throw corrupt("workbook has no Workbook stream")
        }
        let records = BIFFRecords(stream)
        let limit = input.configuration.maxTextBytes
        let globals = try ExcelGlobals.read(records, deadline: input.deadline, textLimit: limit)
        var reader = ExcelSheetReader(records: records, globals: globals)
        var collector = input.textCollector()
        var document = ExtractedDocument(type: .xls, mimeType: input.detected.mimeType, body: "")
        var problem: String?
        var used = 0
        let sheets = globals.sheets.filter { $0.kind != .module }
        for sheet in sheets where !collector.isFull {
            try input.deadline.check()  // a hostile sheet list may name one sheet many times
            collector.breakParagraph()
            collector.append(sheet.name)
            collector.breakParagraph()
            guard sheet.kind == .worksheet else { continue }
            let content = try reader.read(at: sheet.offset, budget: limit - used, deadline: input.deadline)
            used += content.bytes
            append(content, to: &collector)
            problem = problem ?? content.problem.map { "sheet \"\(sheet.name)\": \($0)" }
        }
        if sheets.isEmpty {
            // No sheet list: a sheet substream simply follows the globals.
            let content = try reader.read(at: globals.end, budget: limit, deadline: input.deadline)
            append(content, to: &collector)
            problem = content.problem
        }
        if collector.text.isEmpty, let problem { throw corrupt("workbook has no readable sheet: \(problem)") }
        PropertySetReader.summary(of: compound).apply(to: &document)
        document.metadata.pageCount = sheets.isEmpty ? document.metadata.pageCount : sheets.count
        document.body = collector.finishedText
        document.problem = collector.problem
            ?? (globals.stringsCut ? ExtractionFailure(.partial, "shared strings cut at the text limit") : nil)
            ?? problem.map { ExtractionFailure(.partial, $0) }
        return document
    }

    private func append(_ content: ExcelSheetReader.Content, to collector: inout TextCollector) {
        let cells = content.cells.enumerated().sorted { left, right in
            (left.element.row, left.element.column, left.offset) < (right.element.row, right.element.column, right.offset)
        }.map(\.element)
        var start = 0
        while start < cells.count && !collector.isFull {
            var end = start + 1
            while end < cells.count && cells[end].row == cells[start].row { end += 1 }
            collector.append(cells[start..<end].map(\.text).joined(separator: "\t"))
            collector.breakParagraph()
            start = end
        }
        collector.breakParagraph()
        for text in content.extras where !collector.isFull {
            collector.append(text)
            collector.breakParagraph()
        }
    }
}
