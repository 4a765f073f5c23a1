import HDriveCore
import Testing
@testable import HDriveExtract

/// Excel 97-2003 workbooks, read in-process: hand-made record streams for each record kind
/// and for broken input, and a workbook saved by LibreOffice.
@Suite struct ExcelExtractionTests {
    let extractor = Extractor()
    typealias W = TestWorkbook

    func formula(_ row: UInt16, _ column: UInt16, xf: UInt16 = 0, result: [UInt8]) -> [UInt8] {
        W.record(0x0006, W.cell(row, column, xf: xf) + result + [0, 0, 0, 0, 0, 0, 0, 0])
    }

    func xf(format: UInt16) -> [UInt8] {
        W.record(0x00E0, [0, 0] + W.le16(format) + [UInt8](repeating: 0, count: 16))
    }

    @Test func workbookSavedByLibreOfficeReadsAsExcelShowsIt() throws {
        let document = try #require(extractor.extract(fileAt: Fixture.path("begroting-gemalen.xls")).document)
        #expect(document.type == .xls)
        #expect(document.title == "Begroting gemalen 2009")
        #expect(document.metadata.author == "Jan Bakker")
        #expect(document.metadata.subject == "Onderhoud")
        #expect(document.metadata.keywords == "gemalen")
        #expect(document.metadata.pageCount == 2)
        #expect(document.body.hasPrefix("""
            Begroting
            Post\tBedrag
            Onderhoud gemalen\t1,599.99\t($1,599.99)
            Stijging\t2.50%\t2 1/2
            Vergadering\t17-May-07\tThursday May 17, 2007
            Aanvang\t6:15 PM\t1.98E+08
            Totaal\t3199.98\tOnderhoud gemalen totaal
            TRUE\tÉén café in Zürich kost € 4,50\t42
            """))
        for text in ["Controleren bij de aannemer", "Tekstvak met toelichting", "Rechthoek met tekst",
                     "Posten 2009\nOnderhoud gemalen\t40000\nregel 1 van de toelichting Ω; regel 2 ",
                     "regel 450 van de toelichting Ω; einde van de lange tekst"] {
            #expect(document.body.contains(text))
        }
        // One string split across CONTINUE records of the shared string table, read whole.
        #expect(document.body.components(separatedBy: " van de toelichting Ω;").count == 451)
        #expect(document.problem == nil)
    }

    @Test func sameWorkbookAsXLSXShowsTheSameCells() throws {
        let xls = try #require(extractor.extract(fileAt: Fixture.path("begroting-gemalen.xls")).document)
        let xlsx = try #require(extractor.extract(fileAt: Fixture.path("begroting-gemalen.xlsx")).document)
        let rows = { (body: String) in body.split(separator: "\n").prefix(8) }
        #expect(rows(xlsx.body) == rows(xls.body))
    }

    @Test func xlsxNumbersAreShownThroughTheirCellStyles() throws {
        let ns = TestOffice.spreadsheetNamespaces
        let xlsx = TestZip(entries: [
            TestZip.Entry("[Content_Types].xml", "<Types/>"),
            TestZip.Entry("xl/workbook.xml", "<workbook \(ns)><workbookPr date1904=\"1\"/><sheets>"
                          + "<sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            TestZip.Entry("xl/_rels/workbook.xml.rels", TestOffice.relationships([
                ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "styles", "styles.xml")])),
            TestZip.Entry("xl/styles.xml", "<styleSheet \(ns)><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
                          + "formatCode=\"&quot;€ &quot;#,##0.00\"/></numFmts><cellStyleXfs><xf numFmtId=\"10\"/></cellStyleXfs>"
                          + "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"15\"/></cellXfs></styleSheet>"),
            TestZip.Entry("xl/worksheets/sheet1.xml", "<worksheet \(ns)><sheetData><row r=\"1\">"
                          + "<c r=\"A1\" s=\"1\"><v>40000</v></c><c r=\"B1\" s=\"2\"><v>0</v></c><c r=\"C1\"><v>0.1</v></c>"
                          + "<c r=\"D1\" s=\"1\" t=\"str\"><v>12</v></c><c r=\"E1\" s=\"9\"><v>7</v></c></row></sheetData></worksheet>"),
        ]).bytes()
        let document = try #require(extractor.extract(bytes: xlsx, name: "a.xlsx").document)
        #expect(document.body == "Blad1\n€ 40,000.00\t1-Jan-04\t0.1\t12\t7")
    }

    @Test func truncatedWorkbookIsCorrupt() throws {
        let bytes = try Fixture.bytes("begroting-gemalen.xls")
        for length in [bytes.count / 2, bytes.count - 512] {
            let failure = extractor.extract(bytes: Array(bytes.prefix(length)), name: "begroting.xls").failure
            #expect(failure?.kind == .corrupt)
        }
    }

    @Test func everyCellKindIsShownThroughItsFormatInRowOrder() throws {
        var book = TestWorkbook()
        book.globals = [W.record(0x041E, W.le16(164) + W.string("#,##0.00")), xf(format: 0), xf(format: 164), xf(format: 15),
                        W.record(0x00FC, W.le32(2) + W.le32(2) + W.string("Post") + W.string("Bedrag"))]
        book.sheets = [("Begroting", [
            W.record(0x00FD, W.cell(0, 1) + W.le32(1)),
            W.record(0x00FD, W.cell(0, 0) + W.le32(0)),
            W.record(0x0203, W.cell(1, 1, xf: 1) + W.number(1599.99)),
            W.record(0x0204, W.cell(1, 0) + W.string("Onderhoud")),
            W.record(0x027E, W.cell(2, 1, xf: 2) + W.le32(39219 << 2 | 2)),
            W.record(0x00BD, W.le16(3) + W.le16(0) + W.le16(0) + W.le32(100 << 2 | 2) + W.le16(0) + W.le32(1234 << 2 | 3) + W.le16(1)),
            formula(4, 0, xf: 1, result: W.number(3199.98)),
            formula(4, 1, result: [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]),
            W.record(0x0207, W.string("totaal")),
            formula(4, 2, result: [1, 0, 1, 0, 0, 0, 0xFF, 0xFF]),
            formula(4, 3, result: [2, 0, 7, 0, 0, 0, 0xFF, 0xFF]),
            W.record(0x0205, W.cell(5, 0) + [0, 0]),
        ]), ("Grafiek", [])]
        let document = try #require(extractor.extract(bytes: book.file(), name: "begroting.xls").document)
        #expect(document.type == .xls)
        #expect(document.body == "Begroting\nPost\tBedrag\nOnderhoud\t1,599.99\n17-May-07\n100\t12.34\n3,199.98\ttotaal\tTRUE\t#DIV/0!\nFALSE\nGrafiek")
        #expect(document.metadata.pageCount == 2)
        #expect(document.problem == nil)
    }

    @Test func sharedStringsSplitAcrossContinueRecordsSwitchWidth() throws {
        // "Kosten" with a formatting run; "Begroting" split after "Begr", the rest in UTF-16;
        // "€ 5" wholly in the CONTINUE record.
        let kosten = W.le16(6) + [0x08] + W.le16(1) + Array("Kosten".utf8) + [0, 0, 1, 0]
        let sst = W.record(0x00FC, W.le32(3) + W.le32(3) + kosten + W.le16(9) + [0] + Array("Begr".utf8))
        let continuation = W.record(0x003C, [1] + "oting".utf16LE + W.string("€ 5", wide: true))
        var book = TestWorkbook()
        book.globals = [sst, continuation]
        book.sheets = [("Blad1", [W.record(0x00FD, W.cell(0, 0) + W.le32(0)), W.record(0x00FD, W.cell(0, 1) + W.le32(1)),
                                  W.record(0x00FD, W.cell(0, 2) + W.le32(2))])]
        let document = try #require(extractor.extract(bytes: book.file(), name: "a.xls").document)
        #expect(document.body == "Blad1\nKosten\tBegroting\t€ 5")
    }

    @Test func textBoxesHeadersAndDateModeAreRead() throws {
        let txo = W.record(0x01B6, [UInt8](repeating: 0, count: 10) + W.le16(8) + W.le16(16) + [0, 0, 0, 0])
        var book = TestWorkbook()
        book.globals = [W.record(0x0022, W.le16(1)), xf(format: 0), xf(format: 15)]
        book.sheets = [("Blad1", [
            W.record(0x0014, W.string("&LAfdeling &\"Arial,Bold\"&12Financiën&R&P")),
            W.record(0x027E, W.cell(0, 0, xf: 1) + W.le32(0 << 2 | 2)),
            txo, W.record(0x003C, [0] + Array("Tekst".utf8)), W.record(0x003C, [1] + "vak".utf16LE),
            W.record(0x003C, [UInt8](repeating: 0, count: 16)),
        ])]
        let document = try #require(extractor.extract(bytes: book.file(), name: "a.xls").document)
        #expect(document.body == "Blad1\n1-Jan-04\nAfdeling Financiën\nTekstvak")
    }

    @Test func excel95WorkbookIsReadInItsCodePage() throws {
        let bof = { (kind: UInt16) in W.record(0x0809, W.le16(0x0500) + W.le16(kind) + [0, 0, 0, 0]) }
        let name: [UInt8] = [0xCB, 0xE8, 0xF1, 0xF2, 0x31]  // "Лист1" in windows-1251
        let text: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]  // "Привет"
        let globalsSize = bof(5).count + 6 + (4 + 6 + 1 + name.count) + 4
        let stream = bof(5) + W.record(0x0042, W.le16(1251))
            + W.record(0x0085, W.le32(UInt32(globalsSize)) + [0, 0, UInt8(name.count)] + name) + W.record(0x000A, [])
            + bof(0x10) + W.record(0x0204, W.cell(0, 0) + W.le16(UInt16(text.count)) + text) + W.record(0x000A, [])
        let document = try #require(extractor.extract(bytes: TestCompound(streams: [("Book", stream)]).bytes(), name: "a.xls").document)
        #expect(document.body == "Лист1\nПривет")
    }

    @Test func passwordProtectedWorkbookIsEncrypted() {
        var book = TestWorkbook()
        book.globals = [W.record(0x002F, [1, 0] + [UInt8](repeating: 0, count: 52))]
        book.sheets = [("Blad1", [])]
        #expect(extractor.extract(bytes: book.file(), name: "a.xls").failure?.kind == .encrypted)
    }

    @Test func brokenWorkbookStreamsAreCorrupt() {
        let cut = Array(W.record(0x0809, W.le16(0x0600) + W.le16(5) + [UInt8](repeating: 0, count: 12)) + W.record(0x0085, [1, 2, 3]).prefix(6))
        let noBOF = Array("not a workbook at all".utf8)
        for stream in [cut, noBOF] {
            let failure = extractor.extract(bytes: TestCompound(streams: [("Workbook", stream)]).bytes(), name: "a.xls").failure
            #expect(failure?.kind == .corrupt)
        }
    }

    @Test func sheetCutOffKeepsWhatCameBefore() throws {
        var book = TestWorkbook()
        book.sheets = [("Blad1", [W.record(0x0204, W.cell(0, 0) + W.string("Eerste"))])]
        let stream = book.stream()
        let document = try #require(extractor.extract(bytes: TestCompound(streams: [("Workbook", Array(stream.dropLast(4)) + [0x04, 0x02, 0xFF, 0x00])]).bytes(),
                                                      name: "a.xls").document)
        #expect(document.body == "Blad1\nEerste")
        #expect(document.problem?.kind == .partial)
    }

    @Test func hostileStreamsNeverTrap() {
        let stream = TestWorkbook(globals: [xf(format: 164)], sheets: [("Blad1", [
            W.record(0x00BD, [1, 2]), W.record(0x00FD, W.cell(0, 0) + W.le32(99)), W.record(0x0006, [1]),
            W.record(0x0207, W.le16(500) + [1, 0x41]), W.record(0x01B6, []), W.record(0x0204, W.cell(0, 0) + W.le16(400) + [0]),
        ])]).stream()
        for cut in stride(from: 0, to: stream.count, by: 3) {
            var bytes = stream
            bytes[cut] ^= 0xFF
            _ = extractor.extract(bytes: TestCompound(streams: [("Workbook", bytes)]).bytes(), name: "a.xls")
            _ = extractor.extract(bytes: TestCompound(streams: [("Workbook", Array(stream.prefix(cut)))]).bytes(), name: "a.xls")
        }
    }
}
