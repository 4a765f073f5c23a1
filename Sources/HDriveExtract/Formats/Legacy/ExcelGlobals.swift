import HDriveCore

/// The workbook globals of an Excel 97-2003 stream, the substream before the first sheet:
/// sheet names and where each sheet starts, the shared string table, number formats and
/// the format of each cell style (XF), the date system and the code page.
struct ExcelGlobals {
    enum SheetKind { case worksheet, chart, module }

    struct Sheet {
        var name: String
        var offset: Int
        var kind: SheetKind
    }

    enum RecordType {
        static let bof: UInt16 = 0x0809
        static let eof: UInt16 = 0x000A
        static let filePass: UInt16 = 0x002F
        static let codePage: UInt16 = 0x0042
        static let dateMode: UInt16 = 0x0022
        static let format: UInt16 = 0x041E
        static let xf: UInt16 = 0x00E0
        static let boundSheet: UInt16 = 0x0085
        static let sst: UInt16 = 0x00FC
    }

    /// BIFF8 (Excel 97-2003) stores Unicode strings; BIFF5/7 (Excel 5 and 95) 8-bit strings
    /// in the workbook's code page.
    var isBIFF8 = true
    var codePage = 1252
    var date1904 = false
    var strings: [String] = []
    /// The shared strings went past the text limit; the rest were not kept.
    var stringsCut = false
    var formatCodes: [Int: String] = [:]
    var xfFormatIDs: [Int] = []
    var sheets: [Sheet] = []
    /// Where the globals' EOF record ends.
    var end = 0

    static func read(_ records: BIFFRecords, deadline: Deadline, textLimit: Int) throws(ExtractionFailure) -> ExcelGlobals {
        guard let bof = try records.record(at: 0), bof.type == RecordType.bof, let version = records.data.u16(bof.offset) else {
            throw corrupt("workbook stream does not start with a BOF record (not an Excel 97-2003 workbook?)")
        }
        var globals = ExcelGlobals()
        globals.isBIFF8 = version != 0x0500
        var offset = bof.end
        var count = 0
        while let record = try records.record(at: offset) {
            count += 1
            if count % 4096 == 0 { try deadline.check() }
            offset = record.end
            var reader = BIFFReader(records.body(record))
            switch record.type {
            case RecordType.eof:
                globals.end = offset
                return globals
            case RecordType.filePass:
                throw ExtractionFailure(.encrypted, "workbook is password-protected")
            case RecordType.codePage:
                globals.codePage = reader.u16().map(Int.init) ?? 1252
            case RecordType.dateMode:
                globals.date1904 = reader.u16() == 1
            case RecordType.format:
                guard let id = reader.u16(), let code = globals.string(&reader, lengthBytes: globals.isBIFF8 ? 2 : 1) else { continue }
                globals.formatCodes[Int(id)] = code
            case RecordType.xf:
                reader.skip(2)
                globals.xfFormatIDs.append(reader.u16().map(Int.init) ?? 0)
            case RecordType.boundSheet:
                guard let start = reader.u32(), reader.u8() != nil, let type = reader.u8(),
                      let name = globals.string(&reader, lengthBytes: 1) else { continue }
                let kind: SheetKind = type == 2 ? .chart : type == 6 ? .module : .worksheet
                globals.sheets.append(Sheet(name: name, offset: Int(start), kind: kind))
            case RecordType.sst:
                let (continued, next) = records.continued(record)
                try globals.readSharedStrings(continued, deadline: deadline, textLimit: textLimit)
                offset = next
            default:
                break
            }
        }
        globals.end = offset
        return globals
    }

    /// Strings stop at the first one that is cut short or past the text limit.
    private mutating func readSharedStrings(_ table: BIFFReader, deadline: Deadline, textLimit: Int) throws(ExtractionFailure) {
        var reader = table
        reader.skip(4)
        guard let unique = reader.u32() else { return }
        var bytes = 0
        for index in 0..<Int(unique) {
            if index % 4096 == 0 { try deadline.check() }
            guard let text = reader.unicodeString(lengthBytes: 2) else { break }
            bytes += text.utf8.count
            guard bytes <= textLimit else {
                stringsCut = true
                break
            }
            strings.append(text)
        }
    }

    /// A string in the workbook's own encoding; `lengthBytes` is the width of its length.
    func string(_ reader: inout BIFFReader, lengthBytes: Int) -> String? {
        if isBIFF8 { return reader.unicodeString(lengthBytes: lengthBytes) }
        guard let count = lengthBytes == 1 ? reader.u8().map(Int.init) : reader.u16().map(Int.init),
              let bytes = reader.bytes(count) else { return nil }
        return decode(bytes)
    }

    /// 8-bit text of BIFF5/7 in the CODEPAGE record's code page (32768 is Mac Roman,
    /// 32769 Windows-1252 in Excel's numbering).
    func decode(_ bytes: [UInt8]) -> String {
        let page = codePage == 32768 ? 10000 : codePage == 32769 || codePage == 367 ? 1252 : codePage
        return CharsetDecoder.decode(bytes, charset: CharsetDecoder.name(forCodePage: page)) ?? Windows1252.decode(bytes)
    }
}
