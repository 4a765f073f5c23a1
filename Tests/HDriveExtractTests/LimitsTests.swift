import HDriveCore
import Testing
import HDriveExtract

/// Each configurable limit, shown to bite: without it, these inputs would cost unbounded time
/// or memory.
@Suite struct LimitsTests {
    func extractor(_ change: (inout ExtractConfiguration) -> Void) -> Extractor {
        var configuration = ExtractConfiguration()
        change(&configuration)
        return Extractor(configuration: configuration)
    }

    @Test func inProcessParserStopsAtTheDeadline() {
        let docx = TypeDetectionTests.minimalDocx
        let failure = extractor { $0.timeLimit = .zero }.extract(bytes: docx, name: "a.docx").failure
        #expect(failure?.kind == .timeout)
    }

    @Test func helperIsKilledAtTheDeadline() {
        let pdf = TestPDF.bytes(lines: ["tekst"])
        let failure = extractor { $0.timeLimit = .zero }.extract(bytes: pdf, name: "a.pdf").failure
        #expect(failure?.kind == .timeout)
    }

    @Test func archiveInflatingPastItsTotalBudgetIsRefused() {
        // Each part is under the per-entry cap; together they are over the per-archive one.
        let text = String(repeating: "<w:p><w:r><w:t>tekst</w:t></w:r></w:p>", count: 100)
        let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + text + "</w:body></w:document>"
        let docx = TestZip(entries: [TestZip.Entry("[Content_Types].xml", "<Types/>"),
                                     TestZip.Entry("word/document.xml", body),
                                     TestZip.Entry("word/_rels/document.xml.rels", TestOffice.relationships([
                                        ("rId1", "footnotes", "footnotes.xml")])),
                                     TestZip.Entry("word/footnotes.xml", body)]).bytes()
        let limited = extractor {
            $0.maxInflatedBytesPerEntry = 5000
            $0.maxInflatedBytesPerArchive = 6000
        }
        let document = limited.extract(bytes: docx, name: "a.docx").document
        #expect(document?.problem?.kind == .partial)
        #expect(document?.problem?.message.contains("in total") == true)
        #expect(extractor { _ in }.extract(bytes: docx, name: "a.docx").document?.problem == nil)
    }

    @Test func bombInsideAPartIsStoppedWhileItIsParsed() {
        // 64 MiB of spaces deflate to about 64 KiB: past the ratio floor, far past 100x.
        let (deflated, crc) = TestZip.deflate(repeating: Array(repeating: 0x20, count: 64 * 1024), times: 1024)
        var part = TestZip.Entry("word/document.xml", "")
        part.precompressed = (deflated, 64 * 1024 * 1024, crc)
        let docx = TestZip(entries: [TestZip.Entry("[Content_Types].xml", "<Types/>"), part]).bytes()
        let failure = Extractor().extract(bytes: docx, name: "bom.docx").failure
        #expect(failure?.kind == .tooLarge)
        #expect(failure?.message.contains("suspected zip bomb") == true)
    }

    @Test func partWithABadCRCIsCorruptEvenWhenParsedAsItInflates() {
        var part = TestZip.Entry("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                                 + "wordprocessingml/2006/main\"><w:body/></w:document>")
        part.crcOverride = 0xDEAD_BEEF
        let docx = TestZip(entries: [TestZip.Entry("[Content_Types].xml", "<Types/>"), part]).bytes()
        #expect(Extractor().extract(bytes: docx, name: "a.docx").failure
                == ExtractionFailure(.corrupt, "bad CRC in entry \"word/document.xml\""))
    }
}
