import Foundation
import HDriveCore
import HDriveIndex
import HDriveText

/// Answers a `SearchRequest` from one index snapshot: parse, score every matching document
/// with BM25F, keep the top of the ranking, build snippets for the page.
public struct Searcher: Sendable {
    public struct Configuration: Sendable {
        public var scoring = BM25F.standard
        public var maxLimit = 100
        /// Results past this depth are refused: deep paging is a scraper, not a person.
        public var maxOffset = 10_000
        public init() {}
    }

    public let configuration: Configuration
    private let analyzer: Analyzer
    private let stemmers: Stemmers

    public init(configuration: Configuration = Configuration(), analyzer: Analyzer = Analyzer(), stemmers: Stemmers = Stemmers()) {
        self.configuration = configuration
        self.analyzer = analyzer
        self.stemmers = stemmers
    }

    public func search(_ request: SearchRequest, in reader: IndexReader) throws -> SearchResponse {
        guard (1...configuration.maxLimit).contains(request.limit) else {
            throw SearchError("limit must be between 1 and \(configuration.maxLimit)")
        }
        guard (0...configuration.maxOffset).contains(request.offset) else {
            throw SearchError("offset must be between 0 and \(configuration.maxOffset)")
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let query = QueryParser(analyzer: analyzer).parse(request.query)
        var response = try reader.read { snapshot in try run(query, request: request, snapshot: snapshot) }
        response.tookMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        return response
    }

    private func run(_ query: ParsedQuery, request: SearchRequest, snapshot: IndexSnapshot) throws -> SearchResponse {
        guard !query.terms.isEmpty else { return SearchResponse(total: 0, tookMs: 0, matchedAnyWord: false, hits: []) }
        let scorer = TermAtATimeScorer(scoring: configuration.scoring, snapshot: snapshot)
        let expander = QueryExpander(stemmers: stemmers)
        let groups = try query.terms.map { try expander.expand($0, in: snapshot) }
        let required = query.requiredTerms
        var ranked = try scorer.score(groups: groups, required: required)
        var matchedAnyWord = !required.contains(true) && query.terms.count > 1
        if ranked.isEmpty && required.filter({ $0 }).count > 1 {
            ranked = try scorer.score(groups: groups, required: required.map { _ in false })
            matchedAnyWord = true
        }
        let total = ranked.count
        let page = TopK.select(ranked, count: request.offset + request.limit).dropFirst(request.offset)
        let snippets = SnippetBuilder(analyzer: analyzer)
        let termSet = Set(groups.flatMap { $0.members.map(\.term) })
        var hits: [SearchHit] = []
        for candidate in page {
            guard let stored = try snapshot.storedDocument(candidate.docID) else { continue }
            let name = stored.relativePath.lastComponent.displayString
            hits.append(SearchHit(
                path: stored.displayPath, root: stored.rootName,
                title: stored.title.flatMap { $0.isEmpty ? nil : $0 } ?? name,
                score: (candidate.score * 10_000).rounded() / 10_000,
                snippet: snippets.snippet(body: stored.body, terms: termSet),
                size: stored.size, modified: Self.iso8601(nanoseconds: stored.mtimeNs),
                type: stored.type.rawValue, failure: stored.failureKind))
        }
        return SearchResponse(total: total, tookMs: 0, matchedAnyWord: matchedAnyWord, hits: hits)
    }

    static func iso8601(nanoseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(nanoseconds / 1_000_000_000))
        return date.formatted(.iso8601)
    }
}
