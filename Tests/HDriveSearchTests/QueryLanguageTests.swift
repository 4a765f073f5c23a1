import Foundation
import HDriveCore
import HDriveIndex
import HDriveSearch
import Testing

/// The query language on a small index: each operator, filter and sort, and text that only
/// looks like syntax.
@Suite struct QueryLanguageTests {
    struct File {
        var path: String
        var body: String
        var title: String? = nil
        var author: String? = nil
        var type: FileType = .text
        var year: Int = 2008
        var size: Int64 = 1000
    }

    static let files = [
        File(path: "Financien/begroting-2008.odt", body: "De begroting voor 2008 is vastgesteld door het bestuur.",
             title: "Begroting 2008", author: "Jan Bakker", type: .odt, year: 2008, size: 20_000),
        File(path: "Financien/review.docx", body: "The quarterly budget review shows unspent funds. Review the budget quarterly.",
             title: "Quarterly review", author: "Emily Turner", type: .docx, year: 2009, size: 5_000_000),
        File(path: "HR/reiskosten.txt", body: "Reiskosten worden vergoed volgens de regeling van 2010.", year: 2010, size: 300),
        File(path: "HR/concept-begroting.txt", body: "Een concept van de begroting, nog niet vastgesteld. Code BZ-2008-117.", year: 2011, size: 400),
        File(path: "Projecten/covid.txt", body: "Maatregelen rond covid 19 op kantoor, en de C++ cursus.", year: 2021, size: 500),
    ]

    static func makeIndex() throws -> (TemporaryDirectory, IndexReader) {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var batch = IndexBatch()
        for (number, file) in files.enumerated() {
            let path = RawPath(file.path)
            let mtime = Int64(FilterYear.start(file.year) + 86_400 * 40) * 1_000_000_000
            let metadata = file.author.map { #"{"author":"\#($0)"}"# }
            batch.put(FileRecord(rootID: root.id, path: path,
                                 stat: FileStat(size: file.size, mtimeNs: mtime, ctimeNs: mtime, device: 1, inode: UInt64(number + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: file.type, mimeType: nil, failure: nil),
                      IndexableDocument(name: path.lastComponent.searchableString, path: path.parent.searchableString,
                                        title: file.title, body: file.body, author: file.author, metadataJSON: metadata))
        }
        try store.commit(batch)
        return (dir, try IndexReader(directory: dir.path))
    }

    func names(_ query: String, sort: SearchSort = .relevance) throws -> [String] {
        let (dir, reader) = try Self.makeIndex()
        defer { _ = dir }
        return try Searcher().search(SearchRequest(query: query, limit: 20, sort: sort), in: reader).hits
            .map { URL(fileURLWithPath: $0.path).lastPathComponent }
    }

    @Test func exactPhrasesNeedTheWordsInOrder() throws {
        #expect(try names("\"quarterly budget review\"") == ["review.docx"])
        #expect(try names("\"review budget quarterly\"").isEmpty)
        #expect(try names("\"budget quarterly\"") == ["review.docx"])
    }

    @Test func codesAreFoundAsPhrases() throws {
        #expect(try names("BZ-2008-117") == ["concept-begroting.txt"])
    }

    @Test func minusExcludes() throws {
        #expect(Set(try names("begroting")) == ["begroting-2008.odt", "concept-begroting.txt"])
        #expect(try names("begroting -concept") == ["begroting-2008.odt"])
    }

    @Test func orAndParenthesesCombine() throws {
        #expect(Set(try names("reiskosten OR budget")) == ["reiskosten.txt", "review.docx"])
        #expect(try names("(reiskosten OR budget) type:docx") == ["review.docx"])
    }

    @Test func prefixesExpandToIndexedWords() throws {
        #expect(Set(try names("vastgest*")) == ["begroting-2008.odt", "concept-begroting.txt"])
        // With words and filters: the prefix is required, the words rank, the filter filters.
        #expect(try names("vastgest* concept") == ["concept-begroting.txt"])
        #expect(try names("vastgest* type:odt") == ["begroting-2008.odt"])
        #expect(try names("vastgest* reiskosten").isEmpty, "the any-word retry never lets go of a prefix")
        #expect(try names("quarter* budget") == ["review.docx"])
        // A prefix's words are marked in the snippet.
        let (dir, reader) = try Self.makeIndex()
        defer { _ = dir }
        let hit = try #require(try Searcher().search(SearchRequest(query: "vastgest*"), in: reader).hits.first)
        #expect(hit.snippet.contains("<mark>vastgesteld</mark>"), "\(hit.snippet)")
        // Also where the query takes the evaluator (an exclusion), and sorted by date.
        for request in [SearchRequest(query: "vastgest* -concept"), SearchRequest(query: "vastgest*", sort: .date)] {
            let hit = try #require(try Searcher().search(request, in: reader).hits.first)
            #expect(hit.snippet.contains("<mark>vastgesteld</mark>"), "\(request.query): \(hit.snippet)")
        }
    }

    @Test func fieldsRestrictWhereAWordMayStand() throws {
        #expect(try names("title:begroting") == ["begroting-2008.odt"])
        #expect(try names("name:concept") == ["concept-begroting.txt"])
        #expect(Set(try names("in:hr")) == ["reiskosten.txt", "concept-begroting.txt"])
        #expect(try names("author:turner") == ["review.docx"])
    }

    @Test func typeDateAndSizeFilter() throws {
        #expect(try names("type:odt") == ["begroting-2008.odt"])
        #expect(try names("ext:txt begroting") == ["concept-begroting.txt"])
        #expect(try names("modified:2009") == ["review.docx"])
        #expect(Set(try names("modified:2008..2009-12")) == ["begroting-2008.odt", "review.docx"])
        #expect(Set(try names("after:2010")) == ["concept-begroting.txt", "covid.txt"])
        #expect(try names("before:2009") == ["begroting-2008.odt"])
        #expect(try names("size:>1mb") == ["review.docx"])
        #expect(Set(try names("size:<1k")) == ["reiskosten.txt", "concept-begroting.txt", "covid.txt"])
    }

    @Test func textThatLooksLikeSyntaxIsText() throws {
        #expect(try names("covid-19:") == ["covid.txt"])
        #expect(try names("C++") == ["covid.txt"])
        #expect(try names("\"covid 19") == ["covid.txt"])
        #expect(try names("(covid") == ["covid.txt"])
        #expect(try names("modified:yesterday").isEmpty)
    }

    @Test func sortsByDateAndName() throws {
        #expect(try names("begroting", sort: .date) == ["concept-begroting.txt", "begroting-2008.odt"])
        #expect(try names("begroting", sort: .name) == ["begroting-2008.odt", "concept-begroting.txt"])
    }

    @Test func facetsCountTheWholeResultSet() throws {
        let (dir, reader) = try Self.makeIndex()
        defer { _ = dir }
        let response = try Searcher().search(SearchRequest(query: "begroting OR budget OR reiskosten", limit: 1, facets: true), in: reader)
        #expect(response.total == 4)
        #expect(response.hits.count == 1)
        #expect(response.facets.type.first == Facets.Count(value: "text", count: 2))
        #expect(Set(response.facets.year.map(\.value)) == ["2008", "2009", "2010", "2011"])
        #expect(Set(response.facets.folder.map(\.value)) == ["h/Financien", "h/HR"])
        #expect(Set(response.facets.author.map(\.value)) == ["Jan Bakker", "Emily Turner"])
    }

    @Test func unknownWordsGetADidYouMean() throws {
        let (dir, reader) = try Self.makeIndex()
        defer { _ = dir }
        let response = try Searcher().search(SearchRequest(query: "begrting"), in: reader)
        #expect(response.total == 0)
        #expect(response.suggestion == "begroting")
    }

    @Test func limitsAreClearErrors() throws {
        let (dir, reader) = try Self.makeIndex()
        defer { _ = dir }
        var configuration = Searcher.Configuration()
        configuration.maxPrefixExpansion = 2
        #expect(throws: SearchError.self) { try Searcher(configuration: configuration).search(SearchRequest(query: "v*"), in: reader) }
        let many = (0..<70).map { "word\($0)" }.joined(separator: " ")
        #expect(throws: SearchError.self) { try Searcher().search(SearchRequest(query: many), in: reader) }
    }
}

/// Seconds since the epoch at the start of a year, UTC.
enum FilterYear {
    static func start(_ year: Int) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int(calendar.date(from: DateComponents(year: year, month: 1, day: 1))!.timeIntervalSince1970)
    }
}
