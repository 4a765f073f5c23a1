import HDriveCore
import Testing
import HDriveExtract

/// OpenDocument spreadsheets and presentations, packaged and flat.
@Suite struct ODFExtractionTests {
    let extractor = Extractor()
    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" \
        xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
        """

    @Test func flatSpreadsheetGivesSheetNamesAndCells() throws {
        let fods = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document \(Self.namespaces) office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
            <office:body><office:spreadsheet>
            <table:table table:name="Begroting"><table:table-row>
            <table:table-cell><text:p>Post</text:p></table:table-cell><table:table-cell><text:p>Bedrag</text:p></table:table-cell>
            </table:table-row></table:table>
            <table:table table:name="Toelichting"><table:table-row><table:table-cell><text:p>Zie boven</text:p>
            </table:table-cell></table:table-row></table:table>
            </office:spreadsheet></office:body></office:document>
            """
        let document = try #require(extractor.extract(bytes: Array(fods.utf8), name: "begroting.fods").document)
        #expect(document.type == .ods)
        #expect(document.body == "Begroting\nPost\nBedrag\nToelichting\nZie boven")
        #expect(document.metadata.pageCount == 2)
    }

    @Test func presentationGivesSlidesShapeTitlesAndMasterFooters() throws {
        let content = """
            <office:document-content \(Self.namespaces)><office:body><office:presentation>
            <draw:page draw:name="page1"><draw:frame><draw:text-box><text:p>Eerste dia</text:p></draw:text-box></draw:frame>
            <draw:custom-shape><svg:title>Kaart van de polder</svg:title></draw:custom-shape></draw:page>
            <draw:page draw:name="page2"><presentation:notes><draw:frame><draw:text-box><text:p>Notitie</text:p>
            </draw:text-box></draw:frame></presentation:notes></draw:page>
            </office:presentation></office:body></office:document-content>
            """
        let styles = """
            <office:document-styles \(Self.namespaces)><office:styles><text:p>geen tekst</text:p></office:styles>
            <office:master-styles><style:master-page><draw:frame><draw:text-box>
            <text:p>Waterschap Oost <text:page-number>&lt;number&gt;</text:page-number></text:p>
            </draw:text-box></draw:frame></style:master-page></office:master-styles></office:document-styles>
            """
        let odp = TestZip(entries: [
            TestZip.Entry("mimetype", "application/vnd.oasis.opendocument.presentation", deflated: false),
            TestZip.Entry("content.xml", content), TestZip.Entry("styles.xml", styles),
        ]).bytes()
        let document = try #require(extractor.extract(bytes: odp, name: "jaarplan.odp").document)
        #expect(document.type == .odp)
        #expect(document.body == "Eerste dia\nKaart van de polder\nNotitie\nWaterschap Oost")
        #expect(document.metadata.pageCount == 2)
    }
}
