import Foundation
import HDriveCore
import HDriveIndex
import HDriveText

/// Answers a `SearchRequest` from one index snapshot: parse, match and score with BM25F,
/// count facets over all matches when asked, order, and build snippets for the page.
public struct Searcher: Sendable {
    public struct Configuration: Sendable {
        public var scoring = BM25F.standard
        public var maxLimit = 100
        /// Results past this depth are refused: deep paging is a scraper, not a person.
        public var maxOffset = 10_000
        /// More distinct words than this in one query is an error, not a slow query.
        public var maxTerms = 64
        /// Bag-of-words queries longer than this match any word (pasted text), not all.
        public var maxRequiredWords = 6
        /// Words a `prefix*` may expand to.
        public var maxPrefixExpansion = 1000
        public var deadlineMilliseconds = 2000
        /// Matches counted exactly before a ranked word query may skip documents that cannot
        /// reach the page; past it the total is a lower bound (facets always count them all).
        public var exactTotalUpTo = 1000
        public init() {}
    }

    public let configuration: Configuration
    private let analyzer: Analyzer
    private let stemmers: Stemmers
    private let expansions = SegmentSetCache<String, TermGroup>(capacity: 10_000)
    /// Word groups' cursors in a segment, as made (`GroupCursor`), by the group's impact list
    /// there (kept with them, so that no other list takes its identity): a search copies them.
    private let cursors = SegmentSetCache<ObjectIdentifier, (ImpactList, GroupCursor)>(capacity: 20_000)

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
        guard Set(query.words).count <= configuration.maxTerms else {
            throw SearchError("the query has more than \(configuration.maxTerms) distinct words")
        }
        var response = try reader.read { snapshot in try run(query, request: request, snapshot: snapshot) }
        response.tookMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        return response
    }

    private func run(_ query: QueryNode, request: SearchRequest, snapshot: IndexSnapshot) throws -> SearchResponse {
        let deadline = Deadline(milliseconds: configuration.deadlineMilliseconds)
        let scorer = TermAtATimeScorer(scoring: configuration.scoring, snapshot: snapshot)
        let expander = QueryExpander(stemmers: stemmers)
        let softWords = Self.topLevelSoftWords(query)
        let required = QueryEvaluator.requiredWords(softWords, limit: configuration.maxRequiredWords)
        var matchedAnyWord = softWords.count > configuration.maxRequiredWords
        let groups = try uniqued(query.words).map { word in
            try expansions.value(word, in: snapshot) { try expander.expand(word, in: snapshot) }
        }
        let total: Int
        var totalIsExact = true
        let facets: Facets
        let page: ArraySlice<ScoredDocument>
        // A prefix is a word whose forms are the indexed words it starts.
        let prefixGroups = try uniqued(query.prefixes).map { prefix in
            TermGroup(word: prefix, members: try QueryEvaluator.prefixTerms(prefix, in: snapshot, limit: configuration.maxPrefixExpansion)
                .map { ($0, 1.0) })
        }
        if let filters = Self.plainFilters(query) {
            // The common case: plain words and prefixes, perhaps filtered; scored document at a
            // time, with pruning when ranked by relevance (by date or name every match is scored,
            // for ties). Prefixes are always required (the any-word retry only lets go of words).
            var topK = TopKScorer(scoring: configuration.scoring, snapshot: snapshot)
            topK.cursors = cursors
            let count = request.offset + request.limit
            let matcher = FilterMatcher(snapshot: snapshot)
            let accepts: ((Int64) throws -> Bool)? = filters.isEmpty ? nil : { try matcher.matches(filters, docID: $0) }
            func ranked(_ required: [Bool]) throws -> TopKScorer.Result {
                try topK.run(groups: groups + prefixGroups, required: required + prefixGroups.map { _ in true }, count: count,
                             collectMatches: request.facets, exactTotalUpTo: configuration.exactTotalUpTo, accepts: accepts,
                             scoreEvery: request.sort != .relevance, deadline: deadline)
            }
            var result = try ranked(required)
            if result.total == 0 && required.filter({ $0 }).count > 1 {
                result = try ranked(required.map { _ in false })
                matchedAnyWord = true
            }
            total = result.total
            totalIsExact = result.totalIsExact
            facets = request.facets ? try Facets.count(result.matches, snapshot: snapshot) : Facets()
            page = request.sort == .relevance ? result.top.dropFirst(request.offset)
                : try ResultOrder(sort: request.sort, snapshot: snapshot).top(result.scored, count: count).dropFirst(request.offset)
        } else {
            var evaluator = QueryEvaluator(snapshot: snapshot, scorer: scorer, expander: expander,
                                           limits: configuration, deadline: deadline)
            var ranked = try evaluator.evaluate(query).map { ScoredDocument(docID: $0.key, score: $0.value) }
            if ranked.isEmpty && required.filter({ $0 }).count > 1 {
                evaluator.anyWord = true
                ranked = try evaluator.evaluate(query).map { ScoredDocument(docID: $0.key, score: $0.value) }
                matchedAnyWord = true
            }
            total = ranked.count
            facets = request.facets ? try Facets.count(ranked.lazy.map(\.docID), snapshot: snapshot) : Facets()
            page = try ResultOrder(sort: request.sort, snapshot: snapshot)
                .top(ranked, count: request.offset + request.limit).dropFirst(request.offset)
        }
        let highlighted = FormLookup(words: (groups + prefixGroups).map { Set($0.members.map(\.term)) })
        let hits = try page.compactMap { try hit($0, snapshot: snapshot, highlighted: highlighted) }
        var suggestion: String?
        if total < 3 { suggestion = try suggest(request.query, words: uniqued(query.words), snapshot: snapshot) }
        return SearchResponse(total: total, totalIsExact: totalIsExact, tookMs: 0, matchedAnyWord: matchedAnyWord,
                              hits: hits, facets: facets, suggestion: suggestion)
    }

    /// The filters of a query of plain words, prefixes and filters (no phrase, field or
    /// operator) with at least one word or prefix; nil for any other query.
    static func plainFilters(_ query: QueryNode) -> [QueryFilter]? {
        let children: [QueryNode] = if case .and(let children) = query { children } else { [query] }
        var filters: [QueryFilter] = [], searchesWords = false
        for child in children {
            switch child {
            case .word, .chunk, .prefix: searchesWords = true
            case .filter(let filter): filters.append(filter)
            default: return nil
            }
        }
        return searchesWords ? filters : nil
    }

    /// The plain words of the top level, which the any-word rules apply to.
    static func topLevelSoftWords(_ query: QueryNode) -> [String] {
        var seen = Set<String>()
        let words: [String] = switch query {
        case .and(let children): children.flatMap { $0.softWords ?? [] }
        default: query.softWords ?? []
        }
        return words.filter { seen.insert($0).inserted }
    }

    private func hit(_ document: ScoredDocument, snapshot: IndexSnapshot, highlighted: FormLookup) throws -> SearchHit? {
        let snippets = SnippetBuilder(analyzer: analyzer)
        guard let stored = try snapshot.storedDocument(document.docID, bodyPrefix: snippets.scanBytes) else { return nil }
        let name = stored.relativePath.lastComponent.displayString
        return SearchHit(
            path: stored.displayPath, root: stored.rootName,
            title: stored.title.flatMap { $0.isEmpty ? nil : $0 } ?? name,
            score: (document.score * 10_000).rounded() / 10_000,
            snippet: snippets.snippet(body: stored.body, forms: highlighted),
            size: stored.size, modified: Self.iso8601(nanoseconds: stored.mtimeNs),
            type: stored.type.rawValue, failure: stored.failureKind, available: stored.rootAvailable)
    }

    /// The typed query with each word the index does not know replaced by its nearest word.
    private func suggest(_ typed: String, words: [String], snapshot: IndexSnapshot) throws -> String? {
        var replacements: [String: String] = [:]
        for word in words where try snapshot.postings(for: word).isEmpty {
            if let better = try Suggester().suggestion(for: word, in: snapshot) { replacements[word] = better }
        }
        guard !replacements.isEmpty else { return nil }
        return typed.split(separator: " ", omittingEmptySubsequences: true).map { piece in
            let normalized = analyzer.normalize(String(piece))
            return replacements[normalized] ?? String(piece)
        }.joined(separator: " ")
    }

    private func uniqued(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    static func iso8601(nanoseconds: Int64) -> String {
        // Rounded down to the second, before 1970 too.
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
        return CivilDate.iso8601(unixSeconds: seconds)
    }
}
