import HDriveCore
import Testing
import HDriveExtract

/// Archives: members become documents of their own, within depth, budget and deadline.
@Suite struct ArchiveExtractionTests {
    let extractor = Extractor()

    @Test func zipMembersAreDocumentsAndTheArchiveListsTheirNames() throws {
        let zip = TestZip(entries: [TestZip.Entry("notulen/", ""), TestZip.Entry("notulen/maart.txt", "Dijkversterking"),
                                    TestZip.Entry("verslag.docx", "")]).bytes()
        let document = try #require(extractor.extract(bytes: zip, name: "archief.zip").document)
        #expect(document.type == .archive)
        #expect(document.body == "notulen/maart.txt\nverslag.docx")
        #expect(document.members.map(\.path) == ["notulen/maart.txt", "verslag.docx"])
        #expect(document.members.first?.document?.body == "Dijkversterking")
    }

    @Test func encryptedMemberIsEncryptedWhileTheRestIsRead() throws {
        var locked = TestZip.Entry("geheim.txt", "geheim")
        locked.flags = 1
        let zip = TestZip(entries: [locked, TestZip.Entry("open.txt", "openbaar")]).bytes()
        let document = try #require(extractor.extract(bytes: zip, name: "a.zip").document)
        #expect(document.members.first?.failure?.kind == .encrypted)
        #expect(document.members.last?.document?.body == "openbaar")
    }

    @Test func nestingPastTheDepthLimitKeepsOnlyNames() throws {
        var bytes = TestZip(entries: [TestZip.Entry("binnen.txt", "kern")]).bytes()
        for level in 1...4 { bytes = TestZip(entries: [TestZip.Entry("laag\(level).zip", bytes: bytes)]).bytes() }
        var configuration = ExtractConfiguration()
        configuration.maxArchiveDepth = 2
        var document = try #require(Extractor(configuration: configuration).extract(bytes: bytes, name: "a.zip").document)
        for _ in 1...2 { document = try #require(document.members.first?.document) }
        #expect(document.members.first?.failure?.message.hasPrefix("nested more than 2 archives deep") == true)
    }

    @Test func gzipFileHoldsOneMemberNamedAfterIt() throws {
        let gzip = TestZip.gzip(Array("Begroting 2009".utf8))
        let document = try #require(extractor.extract(bytes: gzip, name: "jaarplan.txt.gz").document)
        #expect(document.body == "jaarplan.txt")
        #expect(document.members.first?.document?.body == "Begroting 2009")
    }

    @Test func gzipBombIsStoppedByTheRatioCheck() {
        let bomb = TestZip.gzip(repeating: [0x20], times: 8 * 1024 * 1024)
        let failure = extractor.extract(bytes: bomb, name: "bom.gz").failure
        #expect(failure?.kind == .tooLarge)
        #expect(failure?.message.contains("suspected bomb") == true)
    }

    @Test func epubGivesChaptersInReadingOrder() throws {
        let opf = """
            <package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\
            <dc:title>Polderboek</dc:title><dc:creator>Jan Bakker</dc:creator></metadata>\
            <manifest><item id="b" href="twee.xhtml"/><item id="a" href="een.xhtml"/></manifest>\
            <spine><itemref idref="a"/><itemref idref="b"/></spine></package>
            """
        let epub = TestZip(entries: [
            TestZip.Entry("mimetype", "application/epub+zip", deflated: false),
            TestZip.Entry("META-INF/container.xml", "<container><rootfiles><rootfile full-path=\"OPS/boek.opf\"/></rootfiles></container>"),
            TestZip.Entry("OPS/boek.opf", opf),
            TestZip.Entry("OPS/een.xhtml", "<html><body><p>Hoofdstuk een</p></body></html>"),
            TestZip.Entry("OPS/twee.xhtml", "<html><body><p>Hoofdstuk twee</p></body></html>"),
        ]).bytes()
        let document = try #require(extractor.extract(bytes: epub, name: "boek.epub").document)
        #expect(document.type == .epub)
        #expect(document.title == "Polderboek")
        #expect(document.metadata.author == "Jan Bakker")
        #expect(document.body == "Hoofdstuk een\nHoofdstuk twee")
    }
}
