import HDriveCore

/// The cells of one sheet substream as Excel shows them, and the text of its text boxes,
/// comments, header and footer. Cells are kept with their position and sorted, since
/// nothing obliges a writer to store them in order.
struct ExcelSheetReader {
    struct Content {
        var cells: [(row: Int, column: Int, text: String)] = []
        var extras: [String] = []
        var bytes = 0
        /// Why the sheet was not read to its end, when it was not.
        var problem: String?
    }

    private enum RecordType {
        static let number: UInt16 = 0x0203
        static let rk: UInt16 = 0x027E
        static let mulRK: UInt16 = 0x00BD
        static let labelSST: UInt16 = 0x00FD
        static let label: UInt16 = 0x0204
        static let richString: UInt16 = 0x00D6
        static let formula: UInt16 = 0x0006
        static let string: UInt16 = 0x0207
        static let boolErr: UInt16 = 0x0205
        static let textObject: UInt16 = 0x01B6
        static let header: UInt16 = 0x0014
        static let footer: UInt16 = 0x0015
    }

    let records: BIFFRecords
    let globals: ExcelGlobals
    var formats: CellFormats

    init(records: BIFFRecords, globals: ExcelGlobals) {
        self.records = records
        self.globals = globals
        formats = CellFormats(codes: globals.formatCodes, xfFormatIDs: globals.xfFormatIDs, date1904: globals.date1904)
    }

    /// The sheet whose BOF is at `offset`, reading at most `budget` bytes of text.
    mutating func read(at offset: Int, budget: Int, deadline: Deadline) throws(ExtractionFailure) -> Content {
        var content = Content()
        guard let bof = try? records.record(at: offset), bof.type == ExcelGlobals.RecordType.bof else {
            content.problem = "a sheet does not start where the workbook says"
            return content
        }
        var position = bof.end
        var depth = 1  // charts inside a sheet are substreams of their own
        var pendingFormula: (row: Int, column: Int, xf: Int)?
        var count = 0
        do {
            while depth > 0, content.bytes <= budget, let record = try records.record(at: position) {
                count += 1
                if count % 4096 == 0 { try deadline.check() }
                position = record.end
                switch record.type {
                case ExcelGlobals.RecordType.bof: depth += 1
                case ExcelGlobals.RecordType.eof: depth -= 1
                case RecordType.string where depth == 1:
                    let (continued, next) = records.continued(record)
                    var reader = continued
                    position = next
                    if let cell = pendingFormula, let text = globals.string(&reader, lengthBytes: 2) {
                        add(cell.row, cell.column, formats.text(text, xf: cell.xf), to: &content)
                    }
                    pendingFormula = nil
                case RecordType.textObject where depth == 1 && globals.isBIFF8:
                    let (continued, next) = records.continued(record)
                    position = next
                    if let text = textBox(record, continued) { add(text, to: &content) }
                default:
                    guard depth == 1 else { continue }
                    if record.type == RecordType.formula { pendingFormula = nil }
                    read(record, into: &content, pendingFormula: &pendingFormula)
                }
            }
        } catch let failure where failure.kind == .corrupt {
            content.problem = failure.message
        }
        if depth > 0 && content.problem == nil && content.bytes <= budget {
            content.problem = "a sheet ends without its EOF record (truncated file?)"
        }
        return content
    }

    private mutating func read(_ record: BIFFRecords.Record, into content: inout Content,
                               pendingFormula: inout (row: Int, column: Int, xf: Int)?) {
        var reader = BIFFReader(records.body(record))
        if record.type == RecordType.header || record.type == RecordType.footer {
            guard record.length > 0, let raw = globals.string(&reader, lengthBytes: globals.isBIFF8 ? 2 : 1) else { return }
            add(HeaderFooter.text(raw), to: &content)
            return
        }
        guard let row = reader.u16().map(Int.init), let column = reader.u16().map(Int.init) else { return }
        if record.type == RecordType.mulRK {
            // Row, first column, (style, RK) for each cell, last column.
            for offset in 0..<max(0, (record.length - 6) / 6) {
                guard let xf = reader.u16(), let rk = reader.u32() else { break }
                add(row, column + offset, number(ExcelSheetReader.rk(rk), xf: Int(xf)), to: &content)
            }
            return
        }
        guard let xf = reader.u16().map(Int.init) else { return }
        switch record.type {
        case RecordType.number:
            guard let bits = readU64(&reader) else { return }
            add(row, column, number(Double(bitPattern: bits), xf: xf), to: &content)
        case RecordType.rk:
            guard let rk = reader.u32() else { return }
            add(row, column, number(ExcelSheetReader.rk(rk), xf: xf), to: &content)
        case RecordType.labelSST:
            guard let index = reader.u32().map(Int.init), index < globals.strings.count else { return }
            add(row, column, formats.text(globals.strings[index], xf: xf), to: &content)
        case RecordType.label, RecordType.richString:
            guard let text = globals.string(&reader, lengthBytes: 2) else { return }
            add(row, column, formats.text(text, xf: xf), to: &content)
        case RecordType.boolErr:
            guard let value = reader.u8(), let isError = reader.u8() else { return }
            add(row, column, isError == 0 ? (value == 0 ? "FALSE" : "TRUE") : ExcelSheetReader.error(value), to: &content)
        case RecordType.formula:
            guard let bits = readU64(&reader) else { return }
            // A cached result that is no number has 0xFFFF in its top two bytes; its first
            // byte says which kind. A string comes in the STRING record that follows.
            guard bits >> 48 == 0xFFFF else {
                add(row, column, number(Double(bitPattern: bits), xf: xf), to: &content)
                return
            }
            let value = UInt8(bits >> 16 & 0xFF)
            switch bits & 0xFF {
            case 0: pendingFormula = (row, column, xf)
            case 1: add(row, column, value == 0 ? "FALSE" : "TRUE", to: &content)
            case 2: add(row, column, ExcelSheetReader.error(value), to: &content)
            default: break
            }
        default:
            break
        }
    }

    /// A text box or comment: TXO gives the length, the first CONTINUE the characters
    /// (each CONTINUE opening with its flag byte), the next one the formatting.
    private func textBox(_ record: BIFFRecords.Record, _ continued: BIFFReader) -> String? {
        guard let length = records.data.u16(record.offset + 10), length > 0 else { return nil }
        var reader = continued
        reader.skip(record.length)
        return reader.characters(Int(length), wide: false)
    }

    private mutating func number(_ value: Double, xf: Int) -> String {
        formats.number(value, xf: xf)
    }

    private func add(_ row: Int, _ column: Int, _ text: String, to content: inout Content) {
        guard !text.isEmpty else { return }
        content.cells.append((row, column, text))
        content.bytes += text.utf8.count + 1
    }

    private func add(_ text: String, to content: inout Content) {
        let trimmed = text.trimmingCharactersInWhitespace()
        guard !trimmed.isEmpty else { return }
        content.extras.append(trimmed)
        content.bytes += trimmed.utf8.count + 1
    }

    private func readU64(_ reader: inout BIFFReader) -> UInt64? {
        guard let low = reader.u32(), let high = reader.u32() else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    /// An RK number: a 30-bit integer or the top 30 bits of a double, perhaps divided by 100.
    static func rk(_ raw: UInt32) -> Double {
        let value = raw & 0x02 != 0 ? Double(Int32(bitPattern: raw) >> 2) : Double(bitPattern: UInt64(raw & 0xFFFF_FFFC) << 32)
        return raw & 0x01 != 0 ? value / 100 : value
    }

    static func error(_ code: UInt8) -> String {
        [0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
         0x2A: "#N/A"][code] ?? "#ERROR!"
    }
}

/// Header and footer text without its codes: &L, &C, &R start sections; &P, &N, &D, &T,
/// &F, &A are fields; fonts, sizes and styles are dropped; && is an ampersand.
enum HeaderFooter {
    static func text(_ raw: String) -> String {
        let characters = Array(raw)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "&", index < characters.count else {
                if character != "&" { out.append(character) }
                continue
            }
            let code = characters[index]
            index += 1
            switch code {
            case "&": out.append("&")
            case "L", "C", "R": out.append(" ")
            case "\"":
                while index < characters.count && characters[index] != "\"" { index += 1 }
                index += 1
            case "K": index += 6
            default:
                if code.isNumber { while index < characters.count && characters[index].isNumber { index += 1 } }
            }
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
