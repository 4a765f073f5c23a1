import HDriveCore
import Testing
@testable import HDriveExtract

/// Spreadsheets and presentations: the text people search for, in the order they see it.
@Suite struct OOXMLExtractionTests {
    let extractor = Extractor()

    @Test func workbookGivesSheetsInWorkbookOrderWithTheirCells() throws {
        let document = try #require(extractor.extract(bytes: TestOffice.workbook(), name: "begroting.xlsx").document)
        #expect(document.type == .xlsx)
        #expect(document.body == "Begroting\nPost\tBedrag\nOnderhoud gemalen\t40000\tTRUE\tPost\nToelichting\nZie blad Begroting")
        #expect(document.metadata.pageCount == 2)
    }

    @Test func macroEnabledWorkbookKeepsItsFlavour() {
        #expect(extractor.detect(bytes: TestOffice.workbook(), name: "a.xlsm").mimeType
                == "application/vnd.ms-excel.sheet.macroEnabled.12")
        #expect(extractor.detect(bytes: TestOffice.workbook(), name: "a.docm").mimeType
                == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    @Test func presentationGivesSlidesInOrderThenNotesAndMasterFooters() throws {
        let document = try #require(extractor.extract(bytes: TestOffice.presentation(), name: "jaarplan.pptx").document)
        #expect(document.type == .pptx)
        #expect(document.body == "Jaarplan 2009\nEerste dia\nTweede dia\nSpreeknotitie\nWaterschap Oost")
        #expect(document.metadata.pageCount == 2)
    }

    @Test func numberedParagraphsStartWithTheirLabels() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        func item(_ text: String, level: Int, list: Int = 1) -> String {
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(list)\"/></w:numPr></w:pPr>"
                + "<w:r><w:t>\(text)</w:t></w:r></w:p>"
        }
        func level(_ index: Int, _ format: String, _ pattern: String) -> String {
            "<w:lvl w:ilvl=\"\(index)\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(format)\"/><w:lvlText w:val=\"\(pattern)\"/></w:lvl>"
        }
        let numbering = "<w:numbering \(w)><w:abstractNum w:abstractNumId=\"0\">"
            + level(0, "decimal", "%1)") + level(1, "lowerLetter", "%2.") + level(2, "lowerRoman", "%1.%2.%3")
            + "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
            + "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"6\"/>"
            + "</w:lvlOverride></w:num></w:numbering>"
        let body = [item("Een", level: 0), item("Onder", level: 1), item("Diep", level: 2), item("Dieper", level: 2),
                    item("Twee", level: 0), item("Weer onder", level: 1), item("Zes", level: 0, list: 2)].joined()
        let docx = TestZip(entries: [
            TestZip.Entry("[Content_Types].xml", "<Types/>"),
            TestZip.Entry("word/document.xml", "<w:document \(w)><w:body>\(body)</w:body></w:document>"),
            TestZip.Entry("word/numbering.xml", numbering),
        ]).bytes()
        let document = try #require(extractor.extract(bytes: docx, name: "lijst.docx").document)
        #expect(document.body == "1) Een\na. Onder\n1.a.i Diep\n1.a.ii Dieper\n2) Twee\na. Weer onder\n6) Zes")
    }

    @Test func attachedTemplateIsSearchableByItsName() throws {
        // LibreOffice's .docx with what Word adds for a document made from a template.
        let original = try ZipArchive(bytes: Fixture.bytes("vergaderverslag.docx"), maxEntries: 100)
        var entries = try original.entries.map { entry in
            TestZip.Entry(entry.name, bytes: try original.read(entry, limits: InflateLimits(ExtractConfiguration())))
        }
        entries.append(TestZip.Entry("word/_rels/settings.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
            + "Type=\"\(TestOffice.relationshipType)attachedTemplate\" TargetMode=\"External\" "
            + "Target=\"file:///S:/Sjablonen/Huisstijl%20waterschap.dotx\"/></Relationships>"))
        let document = try #require(extractor.extract(bytes: TestZip(entries: entries).bytes(), name: "brief.docx").document)
        #expect(document.body.hasSuffix("\nfile:///S:/Sjablonen/Huisstijl%20waterschap.dotx"))
        #expect(document.body.hasPrefix("Verslag overleg 12 maart 2008"))
    }

    @Test func listNumbersAreFormattedAsWordShowsThem() {
        #expect(ListNumberFormat.roman(1994) == "MCMXCIV")
        #expect(ListNumberFormat.letters(28) == "BB")
    }
}
