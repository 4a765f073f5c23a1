import HDriveCore
import Testing
import HDriveExtract

/// The content decides what a file is; the name is only a hint.
@Suite struct TypeDetectionTests {
    let extractor = Extractor()

    static let minimalDocx = TestZip(entries: [
        TestZip.Entry("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        TestZip.Entry("word/document.xml", """
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>\
            <w:r><w:t xml:space="preserve">Begroting </w:t></w:r><w:r><w:tab/><w:t>2008</w:t></w:r></w:p>\
            <w:p><w:r><w:instrText>PAGEREF _Toc1</w:instrText><w:delText>oud</w:delText><w:t>nieuw</w:t></w:r></w:p>\
            </w:body></w:document>
            """),
    ]).bytes()

    @Test func txtThatIsReallyDocxIsReadAsDocx() throws {
        #expect(extractor.detect(bytes: Self.minimalDocx, name: "notes.txt").fileType == .docx)
        let document = try #require(extractor.extract(bytes: Self.minimalDocx, name: "notes.txt").document)
        #expect(document.type == .docx)
        #expect(document.body == "Begroting \t2008\nnieuw")
    }

    @Test func docxThatIsReallyTextIsReadAsText() throws {
        let bytes = Array("Dit is gewoon tekst, geen Word-bestand.\n".utf8)
        #expect(extractor.detect(bytes: bytes, name: "verslag.docx") == DetectedType(mimeType: "text/plain", fileType: .text))
        let document = try #require(extractor.extract(bytes: bytes, name: "verslag.docx").document)
        #expect(document.body == "Dit is gewoon tekst, geen Word-bestand.")
    }

    @Test func odfIsRecognisedByItsMimetypeEntry() {
        let zip = TestZip(entries: [TestZip.Entry("mimetype", "application/vnd.oasis.opendocument.text", deflated: false),
                                    TestZip.Entry("content.xml", "<x/>")]).bytes()
        #expect(extractor.detect(bytes: zip, name: "x.zip").fileType == .odt)
    }

    @Test func unknownTypeIsUnsupportedWithItsMimeType() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
            + [UInt8](repeating: 0, count: 32)
        #expect(extractor.extract(bytes: png, name: "scan.txt").failure == ExtractionFailure(.unsupported,
                "no extractor for this type: image/png"))
    }

    @Test func plainZipNamedDocxIsReadAsAnArchive() {
        let zip = TestZip(entries: [TestZip.Entry("a.txt", "x")]).bytes()
        #expect(extractor.extract(bytes: zip, name: "a.docx").document?.type == .archive)
    }

    @Test func libmagicIsAskedOnlyWhenNameAndBytesDisagree() {
        // A .txt that is text is text without libmagic; one that is a PNG is what libmagic says.
        #expect(extractor.detect(bytes: Array("gewoon tekst".utf8), name: "a.txt").mimeType == "text/plain")
        #expect(extractor.detect(bytes: Array("gewoon tekst".utf8), name: "a.csv").mimeType == "text/csv")
        #expect(extractor.detect(bytes: Array("<html><body>x</body></html>".utf8), name: "page").mimeType == "text/html")
    }

    @Test func truncatedDocxIsCorrupt() throws {
        let bytes = try Fixture.bytes("vergaderverslag.docx")
        let failure = extractor.extract(bytes: Array(bytes.prefix(bytes.count - 200)), name: "x.docx").failure
        #expect(failure?.kind == .corrupt)
    }

    @Test func encryptedPartMakesTheDocumentEncrypted() {
        var document = TestZip.Entry("word/document.xml", "<w:document/>")
        document.flags = 1
        let zip = TestZip(entries: [TestZip.Entry("[Content_Types].xml", "<Types/>"), document]).bytes()
        #expect(extractor.extract(bytes: zip, name: "x.docx").failure?.kind == .encrypted)
    }

    @Test func doctypeInAPartIsRefused() {
        let zip = TestZip(entries: [
            TestZip.Entry("mimetype", "application/vnd.oasis.opendocument.text", deflated: false),
            TestZip.Entry("content.xml", #"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#),
        ]).bytes()
        #expect(extractor.extract(bytes: zip, name: "x.odt").failure
                == ExtractionFailure(.corrupt, "DOCTYPE is not allowed in content.xml"))
    }

    @Test func flatODTIsReadInOnePass() throws {
        let fodt = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            office:mimetype="application/vnd.oasis.opendocument.text"><office:meta><dc:title>Plat</dc:title></office:meta>
            <office:body><office:text><text:p>Platte   tekst</text:p></office:text></office:body></office:document>
            """
        let document = try #require(extractor.extract(bytes: Array(fodt.utf8), name: "a.fodt").document)
        #expect(document.type == .odt)
        #expect(document.title == "Plat")
        #expect(document.body == "Platte tekst")
    }

    @Test func libmagicIsLoaded() {
        #expect(extractor.hasMagicDatabase)
        #expect(Extractor.libmagicVersion.hasPrefix("5."))
    }
}
