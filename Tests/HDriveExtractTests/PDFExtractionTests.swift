import HDriveCore
import Testing
import HDriveExtract

/// PDF goes through pdftotext (Debian poppler-utils, installed by `make deps`).
@Suite struct PDFExtractionTests {
    let extractor = Extractor()

    @Test func pdfGivesItsTextPropertiesAndPageCount() throws {
        let pdf = TestPDF.bytes(lines: ["Begroting 2009", "Dijkversterking Oostpolder"], title: "Jaarplan",
                                author: "Marieke de Vries")
        let document = try #require(extractor.extract(bytes: pdf, name: "jaarplan.pdf").document)
        #expect(document.type == .pdf)
        #expect(document.body == "Begroting 2009\nDijkversterking Oostpolder")
        #expect(document.title == "Jaarplan")
        #expect(document.metadata.author == "Marieke de Vries")
        #expect(document.metadata.pageCount == 1)
    }

    @Test func textBoxesSideBySideKeepTheirLinesTogether() throws {
        // LibreOffice's PDF of two boxes whose lines line up: a reading-order guess interleaves them.
        let document = try #require(extractor.extract(fileAt: Fixture.path("twee-tekstvakken.pdf")).document)
        let words = document.body.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words == "Gemaal Oosterend krijgt nieuwe pompen in 2009. Stuw Westerveld wordt in 2010 vervangen.")
        #expect(document.title == "Twee tekstvakken")
    }

    @Test func pdfTextPastTheLimitIsCutAndMarkedPartial() throws {
        var configuration = ExtractConfiguration()
        configuration.maxTextBytes = 10
        let pdf = TestPDF.bytes(lines: ["Een regel die langer is dan de limiet"])
        let document = try #require(Extractor(configuration: configuration).extract(bytes: pdf, name: "a.pdf").document)
        #expect(document.body.utf8.count <= 10)
        #expect(document.problem?.kind == .partial)
    }

    @Test func brokenPDFIsCorruptWithPdftotextsReason() {
        let failure = extractor.extract(bytes: Array("%PDF-1.4\nnothing else".utf8), name: "kapot.pdf").failure
        #expect(failure?.kind == .corrupt)
        #expect(failure?.message.hasPrefix("pdftotext could not read this PDF") == true)
    }

    @Test func pdfNamedAsTextIsStillReadAsPDF() throws {
        let pdf = TestPDF.bytes(lines: ["Verkeerde naam"])
        #expect(extractor.extract(bytes: pdf, name: "notitie.txt").document?.body == "Verkeerde naam")
    }

    @Test func pdftotextIsListedAsAHelper() {
        #expect(Extractor.helperPrograms.map(\.name).contains("pdftotext"))
    }
}
