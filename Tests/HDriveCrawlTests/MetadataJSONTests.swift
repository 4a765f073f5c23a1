import Foundation
import HDriveCore
import Testing

@testable import HDriveCrawl

@Suite struct MetadataJSONTests {
    /// What `JSONEncoder` with sorted keys wrote before: the same text, so equal metadata
    /// stays equal text in the catalog.
    @Test func writesWhatTheSortedEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let cases = [
            DocumentMetadata(),
            DocumentMetadata(encoding: "windows-1252"),
            DocumentMetadata(author: "Jan de Vries", lastModifiedBy: "Els", created: "2008-03-01T10:00:00Z",
                             modified: "2009-01-02", subject: "Begroting", keywords: "geld, plan", language: "nl-NL",
                             encoding: "UTF-8", pageCount: 12, recipients: "a@b.nl, c@d.nl"),
            DocumentMetadata(subject: "Zeg \"nee\" tegen C:\\temp\n\tof é 😀", pageCount: 0),
        ]
        for metadata in cases {
            let expected = String(decoding: try encoder.encode(metadata), as: UTF8.self)
            #expect(MetadataJSON.encode(metadata) == expected)
        }
    }

    /// Any text a file may carry comes back unchanged, control characters included.
    @Test func everyTextRoundTrips() throws {
        let awkward = "tab\there\u{1}\u{1F}\u{7F} quote\" backslash\\ slash/ line\r\nend \u{2028} ß"
        let metadata = DocumentMetadata(author: awkward, keywords: "", pageCount: -3, recipients: "\u{0}")
        let decoded = try JSONDecoder().decode(DocumentMetadata.self, from: Data(MetadataJSON.encode(metadata).utf8))
        #expect(decoded == metadata)
    }
}
