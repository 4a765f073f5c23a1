@testable import HDriveIndex
import Testing

@Suite struct TermTableTests {
    /// Terms are numbered in order of arrival, found again after the table has grown many
    /// times, and told apart however alike they are (prefixes, empty, non-ASCII).
    @Test func numbersTermsInOrderAndFindsThemAgain() {
        var table = TermTable(capacity: 2)
        let words = (0..<20_000).map { "w\($0)" } + ["", "w", "ww", "café", "cafe", "cafè", "begroting", "begrotingen"]
        for (expected, word) in words.enumerated() {
            let (number, isNew) = table.number(of: word)
            #expect(number == expected && isNew, "\(word)")
        }
        for (expected, word) in words.enumerated().reversed() {
            let (number, isNew) = table.number(of: word)
            #expect(number == expected && !isNew, "\(word)")
        }
        #expect(table.count == words.count && table.terms == words)
    }

    /// Terms are told apart by their bytes, as the index stores them: strings Swift calls equal
    /// may differ in bytes (é composed or not).
    @Test func comparesBytes() {
        #expect(TermTable.hash("begroting") == TermTable.hash(String("xbegroting".dropFirst())))
        #expect(TermTable.hash("begroting") != TermTable.hash("begrotinG"))
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed, "Swift calls them equal")
        var table = TermTable()
        #expect(table.number(of: composed) == (0, true))
        #expect(table.number(of: decomposed) == (1, true))
        #expect(table.number(of: "caf\u{E9}") == (0, false))
    }
}
