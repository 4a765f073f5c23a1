import HDriveCore

/// The workbook's shared string table: every `<si>` as one string (its `<t>` runs joined,
/// phonetic guides in `<rPh>` left out). Kept to the text limit, since a hostile table can
/// be far larger than any text we would keep.
struct SharedStrings {
    private(set) var strings: [String] = []
    private(set) var isCut = false

    subscript(index: Int) -> String? {
        strings.indices.contains(index) ? strings[index] : nil
    }

    static func read(_ package: OOXMLPackage, limit: Int) throws(ExtractionFailure) -> SharedStrings {
        let part = package.relationships(of: "xl/workbook.xml").first { $0.kind == "sharedStrings" }?.target
            ?? "xl/sharedStrings.xml"
        var table = SharedStrings()
        var current = ""
        var inText = false
        var phonetic = 0
        var bytes = 0
        try package.read(part, { event, _ in
            switch event {
            case .start(let name):
                guard name.namespace == OOXMLNames.spreadsheet else { return }
                if name.local == "si" { current = "" }
                if name.local == "rPh" { phonetic += 1 }
                if name.local == "t" { inText = phonetic == 0 }
            case .end(let name):
                guard name.namespace == OOXMLNames.spreadsheet else { return }
                if name.local == "t" { inText = false }
                if name.local == "rPh" { phonetic -= 1 }
                if name.local == "si" {
                    bytes += current.utf8.count
                    table.isCut = bytes > limit
                    if !table.isCut { table.strings.append(current) }
                }
            case .text(let value):
                if inText { current += value }
            }
        }, stopWhen: { table.isCut })
        return table
    }
}

/// Cells of one worksheet, one line per row, tab between cells; numbers through the number
/// format of their style (`s`).
struct SheetCellHandler {
    let strings: SharedStrings
    private var formats: CellFormats
    private var type = ""
    private var style = 0
    private var value = ""
    private var inValue = false
    private var inInline = false
    private var cellsInRow = 0

    init(strings: SharedStrings, formats: CellFormats = CellFormats()) {
        self.strings = strings
        self.formats = formats
    }

    mutating func handle(_ event: XMLEvent, reader: XMLPartReader, into text: inout TextCollector) {
        switch event {
        case .start(let name):
            guard name.namespace == OOXMLNames.spreadsheet else { return }
            switch name.local {
            case "row": cellsInRow = 0
            case "c":
                type = reader.attribute("t", namespace: "") ?? "n"
                style = reader.attribute("s", namespace: "").flatMap { Int($0) } ?? 0
                value = ""
            case "v": inValue = true
            case "is": inInline = true
            case "t": inValue = inInline
            default: break
            }
        case .end(let name):
            guard name.namespace == OOXMLNames.spreadsheet else { return }
            switch name.local {
            case "row": text.breakParagraph()
            case "v", "t": inValue = false
            case "is": inInline = false
            case "c": appendCell(into: &text)
            default: break
            }
        case .text(let piece):
            if inValue { value += piece }
        }
    }

    private mutating func appendCell(into text: inout TextCollector) {
        let shown: String
        switch type {
        // Trimming every index first cost a sixth of a sheet's extraction time.
        case "s": shown = (Int(value) ?? Int(value.trimmingCharactersInWhitespace())).flatMap { strings[$0] } ?? ""
        case "b": shown = value == "1" ? "TRUE" : "FALSE"
        case "n": shown = (Double(value) ?? Double(value.trimmingCharactersInWhitespace())).map { formats.number($0, xf: style) } ?? value
        default: shown = value
        }
        guard !shown.isEmpty else { return }
        if cellsInRow > 0 { text.append("\t") }
        text.append(shown)
        cellsInRow += 1
    }
}
