import HDriveCore
import HDriveText
@testable import HDriveIndex
import Testing

/// The segment builder gathers every posting in one buffer and groups them by term only when
/// sealed; its lists must be exactly those built term by term as documents arrive.
@Suite struct SegmentBuilderTests {
    @Test func listsEqualThoseBuiltTermByTerm() throws {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<300).map { "w\($0)" } + ["begroting", "café", "2008", "bz-2008-117"]
        let analyzer = Analyzer()
        var documents: [AnalyzedDocument] = []
        for n in 0..<700 {
            let body = (0..<Int.random(in: 1...120, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            // A word said hundreds of times: its positions take more than 127 bytes.
            let repeated = n % 97 == 0 ? Array(repeating: "herhaald", count: 400) : []
            let document = IndexableDocument(name: "doc \(n % 13).txt", path: "map \(n % 5)", title: n % 4 == 0 ? "begroting \(n)" : nil,
                                             body: (body + repeated).joined(separator: " "), author: n % 9 == 0 ? "Jan" : nil, metadataJSON: nil)
            documents.append(AnalyzedDocument(document, analyzer: analyzer))
        }
        var segment = SegmentBuilder()
        var reference: [String: PostingListBuilder] = [:]
        for (local, document) in documents.enumerated() {
            #expect(segment.add(document) == local)
            document.forEachTerm { term, _, frequencies, positions in
                reference[term, default: PostingListBuilder()].add(localDoc: local, frequencies: frequencies, positions: positions)
            }
        }
        let references = ScoreBounds.references(totals: segment.fieldLengthTotals, documents: segment.documentCount)
        let lengths = SegmentBuilder.lengths(segment.encodedNorms())
        let expected = reference.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { term in
            var builder = reference[term]!
            return (term, builder.docFrequency, builder.encoded(lengths: lengths, references: references))
        }
        let built = segment.sortedPostings()
        #expect(built.count == expected.count)
        #expect(built.map(\.term) == expected.map(\.0))
        #expect(built.map(\.docFrequency) == expected.map(\.1))
        #expect(zip(built, expected).allSatisfy { $0.data == $1.2 })
        #expect(built.contains { $0.term == "herhaald" && $0.docFrequency == 8 })
        // Sealing again changes nothing.
        #expect(segment.sortedPostings().map(\.data) == built.map(\.data))
    }

    /// Terms sort as SQLite compares them, by bytes, whatever their first 8 bytes share.
    @Test func termsSortByTheirBytes() {
        let names = ["begroting", "begrotingen", "begrotingsjaar", "begr", "b", "", "zz", "Äpfel", "café", "cafe", "caféé",
                     "abcdefgh", "abcdefg", "abcdefghi", "abcdefgh\u{1}", "2008", "ö", "o", "日本"]
        let sorted = SegmentBuilder.byteOrder(names).map { names[$0] }
        #expect(sorted == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
