import HDriveText
@testable import HDriveSearch
import Testing

@Suite struct SnippetTests {
    /// Stopping the analysis at the first window with every query word must choose exactly the
    /// passage a full scan chooses, wherever the words stand (the window at the very end too).
    @Test func stoppingEarlyChoosesThePassageAFullScanChooses() {
        let staged = SnippetBuilder(analyzer: Analyzer())
        var full = staged
        full.analyzesWholeBody = true
        let filler = "de ondernemingsraad vergaderde over het rooster en de kantine "
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var words = Array(repeating: filler, count: Int.random(in: round < 100 ? 1...4 : 1...900, using: &generator)).joined()
                .split(separator: " ").map(String.init)
            for word in ["begroting", "gemaal", "Begroting"] where Bool.random(using: &generator) {
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    words.insert(word, at: Int.random(in: 0...words.count, using: &generator))
                }
            }
            let body = words.joined(separator: round % 2 == 0 ? " " : "\n") + (round % 4 == 1 ? "." : "")
            let terms: Set<String> = round % 3 == 0 ? ["begroting"] : ["begroting", "gemaal"]
            #expect(staged.snippet(body: body, terms: terms) == full.snippet(body: body, terms: terms))
        }
    }

    /// A query word's forms count as one word: a passage with "cells" and "membrane" beats one
    /// with "cell" and "cells", and stopping early still chooses what a full scan chooses.
    @Test func aWordsFormsCountOnce() {
        let words: [Set<String>] = [["cell", "cells"], ["membrane"]]
        let body = "One cell and more cells here. " + String(repeating: "filler text without them ", count: 10)
            + "The cells of the membrane matter. " + String(repeating: "more filler words ", count: 400)
        var full = SnippetBuilder(analyzer: Analyzer())
        full.analyzesWholeBody = true
        let staged = SnippetBuilder(analyzer: Analyzer()).snippet(body: body, words: words)
        #expect(staged == full.snippet(body: body, words: words))
        #expect(staged.html.contains("<mark>cells</mark> of the <mark>membrane</mark>"))
    }

    /// A window that holds every word and ends with the body's last word keeps what follows it.
    @Test func aWindowEndingWithTheLastWordKeepsTheBodysEnd() {
        let body = "begroting " + Array(repeating: "woord", count: 27).joined(separator: " ") + "."
        let snippet = SnippetBuilder(analyzer: Analyzer()).snippet(body: body, terms: ["begroting"])
        #expect(snippet.text.hasSuffix("woord.") && !snippet.text.hasSuffix("…"), "\(snippet.text)")
    }

    @Test func aWordInTheFirstLinesIsFoundWithoutReadingTheRest() {
        let body = "Begroting 2008 van het waterschap.\n" + String(repeating: "tekst zonder het woord ", count: 20_000)
        let snippet = SnippetBuilder(analyzer: Analyzer()).snippet(body: body, terms: ["begroting"])
        #expect(snippet.html.hasPrefix("<mark>Begroting</mark> 2008"))
        #expect(snippet.text.hasSuffix(" …"))
    }

    /// The marks move along as whitespace collapses: they cover exactly the words that
    /// analyzing the finished passage again finds (randomized, with non-ASCII spaces and letters).
    @Test func marksLandOnTheWordsOfTheCollapsedPassage() {
        let pieces = ["begroting", "Café", "cafe", "de", "over", "het", "gemaal", "waterschapsbegroting", "€", "x&y", "<b>"]
        let spaces = [" ", "  ", "\t", "\n\n", "\u{A0}", "\u{2003}", " \u{3000} "]
        let forms = FormLookup(words: [["begroting"], ["cafe"], ["gemaal"]])
        let analyzer = Analyzer()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var body = Bool.random(using: &generator) ? spaces.randomElement(using: &generator)! : ""
            for _ in 0..<Int.random(in: 1...80, using: &generator) {
                body += pieces.randomElement(using: &generator)! + spaces.randomElement(using: &generator)!
            }
            let snippet = SnippetBuilder(analyzer: analyzer).snippet(body: body, forms: forms)
            var found: [Range<Int>] = []
            analyzer.forEachWord(in: snippet.text) { folded, _, start, end in
                if forms[folded] != nil { found.append(start..<end) }
            }
            #expect(snippet.highlights == found, "\(body.debugDescription) → \(snippet.text.debugDescription)")
        }
    }

    @Test func htmlEscapesAroundAndInsideMarks() {
        let snippet = Snippet(text: "a<b & \"c\" d'é", highlights: [2..<3, 10..<14])
        #expect(snippet.html == "a&lt;<mark>b</mark> &amp; &quot;c&quot; <mark>d&#39;é</mark>")
        #expect(Snippet(text: "x<y>&\"'z", highlights: []).html == "x&lt;y&gt;&amp;&quot;&#39;z")
    }

    /// A body longer than what is scanned is cut at a character's start, never inside one.
    @Test func aLongBodyIsCutBetweenCharacters() {
        var builder = SnippetBuilder(analyzer: Analyzer())
        builder.scanBytes = 11
        let snippet = builder.snippet(body: "begroting ééééé", terms: ["begroting"])
        #expect(snippet.text == "begroting …", "\(snippet.text)")
    }

    /// Runs of whitespace, ASCII or Unicode (em space, no-break space), become one space, none
    /// at either end, with or without non-ASCII letters beside them.
    @Test func whitespaceCollapsesToSingleSpaces() {
        let cases = ["  two\t\tspaces\r\n and\u{7F}a tab ", "\n\nlead and trail\n\n", "", "   ", "a\u{1F}b"]
        for text in cases {
            let withAccent = SnippetBuilder.collapseWhitespace(text + "é")
            #expect(SnippetBuilder.collapseWhitespace(text) + (withAccent.hasSuffix(" é") ? " é" : "é") == withAccent, "\(text.debugDescription)")
        }
        #expect(SnippetBuilder.collapseWhitespace("  two\t\tspaces\r\n and ") == "two spaces and")
        #expect(SnippetBuilder.collapseWhitespace("caf\u{E9}\u{2003}\u{A0}bar") == "caf\u{E9} bar")
    }

    /// Distinct query words in a window, past 64 words too.
    @Test func windowsCountEachQueryWordOnce() {
        #expect(SnippetBuilder.distinctWords([0, nil, 3, 0, 63, nil], wordCount: 64) == 3)
        #expect(SnippetBuilder.distinctWords([0, 70, 70, 65, nil], wordCount: 80) == 3)
        #expect(SnippetBuilder.distinctWords([], wordCount: 2) == 0)
    }

    /// The length filter only skips terms no form can be: same-length strangers, and forms of
    /// 63 bytes and more (the analyzer keeps words of up to 64 letters), still go to the dictionary.
    @Test func formLookupFindsEveryFormAndNothingElse() {
        let long = String(repeating: "a", count: 64), longer = String(repeating: "b", count: 90)
        var lookup = FormLookup()
        lookup["budget"] = 0
        lookup["begroting"] = 1
        lookup[long] = 2
        #expect(lookup["budget"] == 0 && lookup["begroting"] == 1 && lookup[long] == 2)
        #expect(lookup["budgex"] == nil && lookup["plan"] == nil && lookup[longer] == nil && lookup[""] == nil)
        let snippet = SnippetBuilder(analyzer: Analyzer()).snippet(body: "the budget and \(long) here", words: [["budget"], [long]])
        #expect(snippet.highlights.count == 2, "\(snippet)")
    }
}

extension SnippetBuilder {
    static func collapseWhitespace(_ text: String) -> String {
        var text = text, out: [UInt8] = []
        _ = text.withUTF8 { collapseWhitespace($0, marks: [], into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
