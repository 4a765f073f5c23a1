/// A question from a person: the words they typed and which page of answers they want.
public struct SearchRequest: Sendable {
    public var query: String
    public var limit: Int
    public var offset: Int
    public var sort: SearchSort
    /// Count facets over every match; off by default, as counting every match of a common word
    /// by type, year, folder and author costs more than finding the best ten.
    public var facets: Bool

    public init(query: String, limit: Int = 10, offset: Int = 0, sort: SearchSort = .relevance, facets: Bool = false) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.sort = sort
        self.facets = facets
    }
}

/// How hits are ordered.
public enum SearchSort: String, Sendable, Codable, CaseIterable {
    case relevance
    /// Most recently modified first.
    case date
    /// By file name, A to Z.
    case name
}

/// A ranked page of answers.
public struct SearchResponse: Sendable, Codable {
    /// Documents that match, over all pages; a lower bound when `totalIsExact` is false.
    public var total: Int
    /// False when a ranked query stopped counting (past `exactTotalUpTo` matches, no facets).
    public var totalIsExact: Bool
    public var tookMs: Double
    /// True when no document had every word and the hits match any word instead.
    public var matchedAnyWord: Bool
    public var hits: [SearchHit]
    /// Counts over the whole result set, not just this page.
    public var facets: Facets
    /// The query with unknown words replaced by the nearest indexed ones ("did you mean").
    public var suggestion: String?

    enum CodingKeys: String, CodingKey {
        case total
        case totalIsExact = "total_exact"
        case tookMs = "took_ms"
        case matchedAnyWord = "matched_any_word"
        case hits
        case facets
        case suggestion
    }
}

/// The result set broken down, most frequent values first.
public struct Facets: Sendable, Codable, Equatable {
    public struct Count: Sendable, Codable, Equatable {
        public var value: String
        public var count: Int

        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    public var type: [Count] = []
    public var year: [Count] = []
    public var folder: [Count] = []
    public var author: [Count] = []

    public init() {}
}

/// One result: enough to recognise the file and open it.
public struct SearchHit: Sendable, Codable {
    /// As the person opens it: under the root's display prefix when one is configured.
    public var path: String
    public var root: String
    public var title: String
    public var score: Double
    /// The best passage, HTML-escaped, matched words in `<mark>`.
    public var snippet: String
    public var size: Int64
    /// ISO 8601, UTC.
    public var modified: String
    public var type: String
    /// Set when the file's content could not be read (only its name and path matched).
    public var failure: String?
    /// False while the file's share is unavailable (unmounted, offline): the hit is kept from
    /// the index, but the file may not open now.
    public var available: Bool

    /// The passage without markup, and where the matched words are in it (for terminals).
    public var snippetText: Snippet

    enum CodingKeys: String, CodingKey {
        case path, root, title, score, snippet, size, modified, type, failure, available
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        root = try container.decode(String.self, forKey: .root)
        title = try container.decode(String.self, forKey: .title)
        score = try container.decode(Double.self, forKey: .score)
        snippet = try container.decode(String.self, forKey: .snippet)
        size = try container.decode(Int64.self, forKey: .size)
        modified = try container.decode(String.self, forKey: .modified)
        type = try container.decode(String.self, forKey: .type)
        failure = try container.decodeIfPresent(String.self, forKey: .failure)
        available = try container.decodeIfPresent(Bool.self, forKey: .available) ?? true
        snippetText = Snippet(text: "", highlights: [])
    }

    init(path: String, root: String, title: String, score: Double, snippet: Snippet, size: Int64,
         modified: String, type: String, failure: String?, available: Bool) {
        self.path = path
        self.root = root
        self.title = title
        self.score = score
        self.snippet = snippet.html
        self.snippetText = snippet
        self.size = size
        self.modified = modified
        self.type = type
        self.failure = failure
        self.available = available
    }
}
