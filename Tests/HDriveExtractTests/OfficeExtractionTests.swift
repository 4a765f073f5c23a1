import HDriveCore
import Testing
import HDriveExtract

/// The LibreOffice-made fixtures hold the same document as .odt and .docx; both readers must
/// find the same text and properties.
@Suite struct OfficeExtractionTests {
    let extractor = Extractor()

    func document(_ name: String) throws -> ExtractedDocument {
        let result = extractor.extract(fileAt: Fixture.path(name))
        if let failure = result.failure { Issue.record("\(name): \(failure)") }
        return try #require(result.document)
    }

    @Test(arguments: ["vergaderverslag.odt", "vergaderverslag.docx"])
    func officeDocumentGivesItsTextInOrder(name: String) throws {
        let body = try document(name).body
        let expected = ["Verslag overleg 12 maart 2008", "Aanwezig: Jan Bakker, Marieke de Vries en Pieter Jansen.",
                        "Bedrag:   12.500 euro\tgoedgekeurd", "Eerste regel\nTweede regel", "Begroting 2009 vaststellen",
                        "Dijkversterking Oostpolder plannen", "Post", "Bedrag", "Onderhoud gemalen", "40.000 euro",
                        "Het dagelijks bestuur stemt in met het voorstel.", "Één café in Zürich kost meer dan verwacht.",
                        "Onder voorbehoud van de algemene vergadering."]
        for line in expected { #expect(body.contains(line), "\(name) lacks \(line)") }
        #expect(!body.contains("in1"), "footnote number glued to the text")
        #expect(!body.contains("\n\n"))
    }

    @Test(arguments: ["vergaderverslag.odt", "vergaderverslag.docx"])
    func officeDocumentGivesItsProperties(name: String) throws {
        let document = try document(name)
        #expect(document.title == "Verslag overleg waterschap maart 2008")
        #expect(document.metadata.author == "Marieke de Vries")
        #expect(document.metadata.subject == "Dagelijks bestuur")
        #expect(document.metadata.language == "nl-NL")
        #expect(document.metadata.created?.hasPrefix("2008-03-12T14:30:00") == true)
        #expect(document.metadata.keywords?.contains("dijkversterking") == true)
        #expect(document.problem == nil)
    }

    @Test func odtIsTypedAsODT() throws {
        let document = try document("vergaderverslag.odt")
        #expect(document.type == .odt)
        #expect(document.mimeType == "application/vnd.oasis.opendocument.text")
    }

    @Test func docxIsTypedAsDOCX() throws {
        let document = try document("vergaderverslag.docx")
        #expect(document.type == .docx)
        #expect(document.mimeType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    @Test func utf8TextFileKeepsItsCharacters() throws {
        let document = try document("notities-utf8.txt")
        #expect(document.type == .text)
        #expect(document.title == nil)
        #expect(document.body == "Notities na de vergadering\n\nÉén café in Zürich: koffie € 4,50 — “duur”.")
        #expect(document.metadata.encoding == "UTF-8")
    }

    @Test func windows1252TextFileIsDecoded() throws {
        let document = try document("notities-cp1252.txt")
        #expect(document.body == "Café na de vergadering: € 4,50 voor “koffie”.")
        #expect(document.metadata.encoding == "windows-1252")
    }

    @Test func textPastTheLimitIsCutAndMarkedPartial() throws {
        var configuration = ExtractConfiguration()
        configuration.maxTextBytes = 40
        let result = Extractor(configuration: configuration).extract(fileAt: Fixture.path("vergaderverslag.docx"))
        let document = try #require(result.document)
        #expect(document.body.utf8.count <= 40)
        #expect(document.problem?.kind == .partial)
    }
}
