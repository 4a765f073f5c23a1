@testable import HDriveIndex
import Testing

@Suite struct TermTableTests {
    /// Terms are numbered in order of arrival, found again after the table has grown many
    /// times, and told apart however alike they are (prefixes, empty, non-ASCII).
    @Test func numbersTermsInOrderAndFindsThemAgain() {
        var table = TermTable(capacity: 2)
        // Terms longer than 16 bytes are compared another way than short ones.
        let words = (0..<20_000).map { "w\($0)" } + ["", "w", "ww", "café", "cafe", "cafè", "begroting", "begrotingen",
                                                     "waterschapsbegroting", "waterschapsbegrotinG", "leermanagementsysteem"]
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

    /// Looked up by bytes, a term finds the number it has as a String and hashes the same (a
    /// document's table hands its hashes to its segment's).
    @Test func bytesFindTheirString() {
        var table = TermTable(capacity: 2)
        let words = (0..<3_000).map { "w\($0)" } + ["", "café", "cafe\u{301}", "日本"]
        for word in words.prefix(1_500) { _ = table.number(of: word) }
        for (expected, word) in words.enumerated() {
            var bytes = Array(word.utf8)
            let (number, isNew) = bytes.withUnsafeMutableBufferPointer { table.number(ofBytes: UnsafeBufferPointer($0)) }
            #expect(number == expected && isNew == (expected >= 1_500), "\(word)")
            #expect(table.hashes[number] == TermTable.hash(word))
        }
        #expect(table.terms == words)
    }
}
