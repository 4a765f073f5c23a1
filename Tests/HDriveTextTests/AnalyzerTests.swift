import HDriveText
import Testing

@Suite struct AnalyzerTests {
    let analyzer = Analyzer()

    @Test func splitsWordsAndLowercases() {
        #expect(analyzer.terms(in: "The Quarterly Budget, 2008!") == ["the", "quarterly", "budget", "2008"])
    }

    @Test func foldsDiacriticsAndLigatures() {
        #expect(analyzer.terms(in: "Café crème") == ["cafe", "creme"])
        #expect(analyzer.terms(in: "Straße") == ["strasse"])
        #expect(analyzer.terms(in: "ĳsselmeer") == ["ijsselmeer"])
        #expect(analyzer.terms(in: "ÉÉN coördinatie") == ["een", "coordinatie"])
    }

    @Test func combiningAccentsStayWithTheirLetter() {
        // "e" followed by U+0301 (NFD) must equal the precomposed "é".
        #expect(analyzer.terms(in: "cafe\u{301} ok") == ["cafe", "ok"])
    }

    @Test func codesSplitIntoFindableParts() {
        #expect(analyzer.terms(in: "dossier BZ-2008-117") == ["dossier", "bz", "2008", "117"])
        #expect(analyzer.terms(in: "j.jansen@example.nl") == ["j", "jansen", "example", "nl"])
    }

    @Test func positionsCountWordsAndOffsetsPointIntoTheText() {
        let text = "Één  woord, nóg één"
        let tokens = analyzer.tokens(in: text)
        #expect(tokens.map(\.position) == [0, 1, 2, 3])
        let bytes = Array(text.utf8)
        let originals = tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        #expect(originals == ["Één", "woord", "nóg", "één"])
    }

    @Test func overlongRunsAreNotWords() {
        let noise = String(repeating: "a", count: 65)
        #expect(analyzer.terms(in: "keep \(noise) this") == ["keep", "this"])
    }

    @Test func nonLatinScriptsAreWords() {
        #expect(analyzer.terms(in: "Привет мир") == ["привет", "мир"])
    }

    @Test func normalizeFoldsOneWord() {
        #expect(analyzer.normalize("Begröting") == "begroting")
    }
}

@Suite struct StemmerTests {
    let stemmers = Stemmers()

    @Test func dutchInflectionsShareAStem() {
        #expect(stemmers.stem("begrotingen", in: .dutch) == stemmers.stem("begroting", in: .dutch))
        #expect(stemmers.stem("vergaderingen", in: .dutch) == stemmers.stem("vergadering", in: .dutch))
    }

    @Test func englishInflectionsShareAStem() {
        #expect(stemmers.stem("budgets", in: .english) == "budget")
        #expect(stemmers.stem("running", in: .english) == stemmers.stem("runs", in: .english))
    }

    @Test func stemmersAreSafeFromManyThreads() async {
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).allSatisfy { _ in stemmers.stem("vergaderingen", in: .dutch) == "vergader" } }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
