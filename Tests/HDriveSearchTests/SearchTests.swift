import Foundation
import HDriveCore
import HDriveIndex
@testable import HDriveSearch
import Testing

@Suite struct SearchTests {
    /// Builds an index whose documents have only a one-word name and a body.
    func index(_ bodies: [String]) throws -> (TemporaryDirectory, IndexReader) {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: "\\\\server\\h$")
        var batch = IndexBatch()
        for (number, body) in bodies.enumerated() {
            let path = "dir/doc\(number).txt"
            batch.put(FileRecord(rootID: root.id, path: RawPath(path),
                                 stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: UInt64(number + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: .text, mimeType: nil, failure: nil),
                      IndexableDocument(name: "x", path: "", title: nil, body: body, author: nil, metadataJSON: nil))
        }
        try store.commit(batch)
        return (dir, try IndexReader(directory: dir.path))
    }

    @Test func bm25OrdersATinyExampleAsComputedByHand() throws {
        let (dir, reader) = try index(["apple banana", "apple apple cherry date", "banana"])
        let response = try Searcher().search(SearchRequest(query: "apple"), in: reader)
        // N = 3, df = 2: idf = ln(1 + 1.5 / 2.5) = 0.470004. Body lengths 2, 4, 1 (average 7/3), b = 0.75, k1 = 1.2.
        // doc1: tf 2, norm 1.535714 -> 1.302326 -> 0.470004 * 1.302326 / 2.502326 = 0.2446
        // doc0: tf 1, norm 0.892857 -> 1.12     -> 0.470004 * 1.12 / 2.32         = 0.2269
        #expect(response.hits.map(\.path) == ["\\\\server\\h$\\dir\\doc1.txt", "\\\\server\\h$\\dir\\doc0.txt"])
        #expect(response.hits.map(\.score) == [0.2446, 0.2269])
        #expect(response.total == 2)
        _ = dir
    }

    @Test func shortQueriesNeedEveryWordAndFallBackToAnyWord() throws {
        let (dir, reader) = try index(["budget review 2008", "budget only", "review only"])
        let both = try Searcher().search(SearchRequest(query: "budget review"), in: reader)
        #expect(both.total == 1)
        #expect(both.matchedAnyWord == false)
        let fallback = try Searcher().search(SearchRequest(query: "budget nonexistentword"), in: reader)
        #expect(fallback.total == 2)
        #expect(fallback.matchedAnyWord == true)
        _ = dir
    }

    @Test func snippetsMarkMatchesAndEscapeHTML() throws {
        let (dir, reader) = try index(["the quarterly budget <script>alert(1)</script> & more"])
        let hit = try #require(try Searcher().search(SearchRequest(query: "budget"), in: reader).hits.first)
        #expect(hit.snippet.contains("<mark>budget</mark>"))
        #expect(hit.snippet.contains("&lt;script&gt;"))
        #expect(!hit.snippet.contains("<script>"))
        #expect(hit.snippet.contains("&amp; more"))
        _ = dir
    }

    @Test func pagingReturnsTheNextHitsInTheSameOrder() throws {
        let (dir, reader) = try index((0..<7).map { "common word \(String(repeating: "pad ", count: $0))" })
        let all = try Searcher().search(SearchRequest(query: "common", limit: 7), in: reader).hits.map(\.path)
        let page2 = try Searcher().search(SearchRequest(query: "common", limit: 3, offset: 3), in: reader).hits.map(\.path)
        #expect(Array(all[3..<6]) == page2)
        _ = dir
    }

    @Test func equalScoresAreOrderedByDocument() throws {
        let (dir, reader) = try index(["same text", "same text", "same text"])
        let paths = try Searcher().search(SearchRequest(query: "same"), in: reader).hits.map(\.path)
        #expect(paths == paths.sorted())
        _ = dir
    }

    @Test func badLimitsAreClearErrors() throws {
        let (dir, reader) = try index(["x"])
        #expect(throws: SearchError.self) { try Searcher().search(SearchRequest(query: "x", limit: 0), in: reader) }
        #expect(throws: SearchError.self) { try Searcher().search(SearchRequest(query: "x", limit: 1000), in: reader) }
        #expect(throws: SearchError.self) { try Searcher().search(SearchRequest(query: "x", offset: -1), in: reader) }
        _ = dir
    }

    @Test func textThatLooksLikeSyntaxIsSearchedAsText() throws {
        let (dir, reader) = try index(["covid 19 measures", "C++ style guide"])
        #expect(try Searcher().search(SearchRequest(query: "covid-19:"), in: reader).total == 1)
        #expect(try Searcher().search(SearchRequest(query: "\"C++ style"), in: reader).total == 1)
        #expect(try Searcher().search(SearchRequest(query: "  ***  "), in: reader).total == 0)
        _ = dir
    }
}

@Suite struct BM25ParameterTests {
    @Test func parametersCanBeOverriddenForMeasurement() throws {
        let tuned = try BM25F.standard.applying("k1=0.9,b=0.4,title=4,b.name=0.2")
        #expect(tuned.k1 == 0.9)
        #expect(tuned.b[IndexField.body.rawValue] == 0.4)
        #expect(tuned.weights[IndexField.title.rawValue] == 4)
        #expect(tuned.b[IndexField.name.rawValue] == 0.2)
        #expect(try BM25F.standard.applying(nil).k1 == BM25F.standard.k1)
    }

    @Test func badParametersNameWhatIsWrong() {
        #expect(throws: SearchError.self) { try BM25F.standard.applying("k2=1") }
        #expect(throws: SearchError.self) { try BM25F.standard.applying("k1=fast") }
    }
}

@Suite struct UnavailableRootTests {
    @Test func hitsOfAnUnavailableShareAreKeptAndMarked() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var batch = IndexBatch()
        batch.put(FileRecord(rootID: root.id, path: RawPath("a.txt"),
                             stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: 1, mode: 0o100644, uid: 0, gid: 0),
                             type: .text, mimeType: nil, failure: nil),
                  IndexableDocument(name: "a.txt", path: "", title: nil, body: "begroting", author: nil, metadataJSON: nil))
        try store.commit(batch)
        let reader = try IndexReader(directory: dir.path)
        #expect(try Searcher().search(SearchRequest(query: "begroting"), in: reader).hits.first?.available == true)
        try store.saveRootState(rootID: root.id, RootState(available: false, reason: "not mounted"))
        let hit = try #require(try Searcher().search(SearchRequest(query: "begroting"), in: reader).hits.first)
        #expect(hit.available == false)
    }
}

@Suite struct SnippetRenderingTests {
    @Test func escapingKeepsNonASCIITextIntact() {
        let snippet = Snippet(text: "Café <b> & 'x' \"ĳs\" — ok", highlights: [0..<5])
        #expect(snippet.html == "<mark>Café</mark> &lt;b&gt; &amp; &#39;x&#39; &quot;ĳs&quot; — ok")
    }
}
