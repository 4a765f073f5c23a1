/// Writes Excel 97-2003 workbook streams for tests: the globals (BOF, the given records,
/// one BOUNDSHEET per sheet, EOF) and each sheet's records between its own BOF and EOF.
struct TestWorkbook {
    var globals: [[UInt8]] = []
    var sheets: [(name: String, records: [[UInt8]])] = []

    static func record(_ type: UInt16, _ body: [UInt8]) -> [UInt8] {
        TestWorkbook.le16(type) + TestWorkbook.le16(UInt16(body.count)) + body
    }

    /// BIFF8 XLUnicodeString: 16-bit length, flags, Latin-1 or UTF-16LE characters.
    static func string(_ text: String, wide: Bool = false) -> [UInt8] {
        let units = Array(text.utf16)
        return TestWorkbook.le16(UInt16(units.count)) + [wide ? 1 : 0] + (wide ? text.utf16LE : units.map { UInt8($0 & 0xFF) })
    }

    static func cell(_ row: UInt16, _ column: UInt16, xf: UInt16 = 0) -> [UInt8] {
        TestWorkbook.le16(row) + TestWorkbook.le16(column) + TestWorkbook.le16(xf)
    }

    static func number(_ value: Double) -> [UInt8] {
        (0..<8).map { UInt8(value.bitPattern >> (8 * $0) & 0xFF) }
    }

    func stream() -> [UInt8] {
        let eof = TestWorkbook.record(0x000A, [])
        let names: [[UInt8]] = sheets.map { [UInt8($0.name.utf16.count), 0] + Array($0.name.utf8) }
        var globalsSize = TestWorkbook.bof(5).count + eof.count
        for record in globals { globalsSize += record.count }
        for name in names { globalsSize += 4 + 6 + name.count }
        var offset = globalsSize
        var out = TestWorkbook.bof(5) + globals.flatMap { $0 }
        var bodies: [UInt8] = []
        for (index, sheet) in sheets.enumerated() {
            out += TestWorkbook.record(0x0085, TestWorkbook.le32(UInt32(offset)) + [0, 0] + names[index])
            let body: [UInt8] = TestWorkbook.bof(0x10) + sheet.records.flatMap { $0 } + eof
            bodies += body
            offset += body.count
        }
        return out + eof + bodies
    }

    static func bof(_ kind: UInt16) -> [UInt8] {
        record(0x0809, le16(0x0600) + le16(kind) + [UInt8](repeating: 0, count: 12))
    }

    func file() -> [UInt8] {
        TestCompound(streams: [("Workbook", stream())]).bytes()
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
}
