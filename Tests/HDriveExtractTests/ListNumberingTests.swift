import HDriveCore
import Testing
@testable import HDriveExtract

/// List labels as Word shows them, from one LibreOffice document saved as .docx and as .doc
/// (Tests/make-fixtures.sh): the label is part of the text people search for.
@Suite struct ListNumberingTests {
    let extractor = Extractor()

    static let labelled = [
        "1. Begroting vaststellen", "a) Lasten controleren", "b) Baten controleren", "1.b.i. Heffingen herzien",
        "2. Dijkversterking plannen",
        // A level skipped on the way down counts as shown at its start; the next item moves it on.
        "2.a.i. Damwand Oosterend", "b) Bewoners informeren",
        "Stap-1-klaar Offerte opvragen", "Stap-2-klaar Opdracht gunnen",
        "I. Gemaal onderhouden", "II. Stuwen inspecteren",  // one list through two table cells
        "6. Zesde punt van de agenda",  // restarted at 6
    ]

    /// The item after the restart: .docx continues the restarted list, while LibreOffice's
    /// .doc joins it to the first list (LibreOffice reads its own .doc as "3." too).
    @Test(arguments: [("genummerde-lijst.docx", "7. Rondvraag"), ("genummerde-lijst.doc", "3. Rondvraag")])
    func numberedParagraphsStartWithTheirLabels(_ name: String, last: String) throws {
        let document = try #require(extractor.extract(fileAt: Fixture.path(name)).document)
        var rest = Substring(document.body)
        for line in Self.labelled + [last] {
            let found = try #require(rest.firstRange(of: line), "\(line) in \(name)")
            rest = rest[found.upperBound...]
        }
        #expect(document.body.hasPrefix("Acties na het overleg:\n1. Begroting vaststellen\n"))
    }

    @Test func skippedLevelsCountFromTheirStart() {
        var counters = ListCounters()
        #expect(counters.advance("l", level: 0) { _ in 1 } == [1])
        #expect(counters.advance("l", level: 2) { _ in 1 } == [1, 1, 1])
        #expect(counters.advance("l", level: 1) { _ in 1 } == [1, 2])
        #expect(counters.advance("l", level: 0, restart: [0]) { _ in 6 } == [6])
    }
}
