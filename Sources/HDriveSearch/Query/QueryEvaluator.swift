import HDriveIndex
import HDriveText

/// Evaluates a query tree against one snapshot: which documents match, and their scores.
/// Scores of the parts a document matches add up; negations and filters only remove.
struct QueryEvaluator {
    let snapshot: IndexSnapshot
    let scorer: TermAtATimeScorer
    let expander: QueryExpander
    let limits: Searcher.Configuration
    let deadline: Deadline
    /// No word is required: the retry when no document had them all.
    var anyWord = false

    typealias Matches = [Int64: Double]

    func evaluate(_ node: QueryNode, field: IndexField? = nil) throws -> Matches {
        try deadline.check()
        switch node {
        case .word(let word):
            return try scorer.matches(expander.expand(word, in: snapshot), field: field, deadline: deadline)
        case .prefix(let prefix):
            let terms = try Self.prefixTerms(prefix, in: snapshot, limit: limits.maxPrefixExpansion)
            return try scorer.matches(TermGroup(word: prefix, members: terms.map { ($0, 1.0) }), field: field, deadline: deadline)
        case .chunk(let terms):
            return try conjunction(terms.map(QueryNode.word), field: field)
        case .phrase(let terms):
            return try PhraseMatcher(snapshot: snapshot, scorer: scorer, deadline: deadline).matches(terms, field: field)
        case .field(let restricted, let inner):
            return try evaluate(inner, field: restricted)
        case .filter(let filter):
            let matcher = FilterMatcher(snapshot: snapshot)
            return try universe().filter { try matcher.matches([filter], docID: $0.key) }
        case .not(let inner):
            let excluded = try evaluate(inner, field: field)
            return try universe().filter { excluded[$0.key] == nil }
        case .or(let children):
            var result: Matches = [:]
            for child in children {
                for (doc, score) in try evaluate(child, field: field) { result[doc, default: 0] += score }
            }
            return result
        case .and(let children):
            return try conjunction(children, field: field)
        }
    }

    /// The indexed words a `prefix*` stands for; more than `limit` is an error, not a slow query.
    static func prefixTerms(_ prefix: String, in snapshot: IndexSnapshot, limit: Int) throws -> [String] {
        let terms = try snapshot.terms(withPrefix: prefix, limit: limit + 1)
        guard terms.count <= limit else {
            throw SearchError("'\(prefix)*' matches more than \(limit) words; type more letters")
        }
        return terms
    }

    private func conjunction(_ children: [QueryNode], field: IndexField?) throws -> Matches {
        guard !children.isEmpty else { return [:] }  // nothing searchable was typed
        var positives: [QueryNode] = [], negatives: [QueryNode] = [], filters: [QueryFilter] = []
        var softWords: [String] = []
        for child in children {
            switch child {
            case .not(let inner): negatives.append(inner)
            case .filter(let filter): filters.append(filter)
            default:
                if let words = child.softWords { softWords += words } else { positives.append(child) }
            }
        }
        var result: Matches?
        for child in positives {
            let matches = try evaluate(child, field: field)
            guard let current = result else { result = matches; continue }
            var next: Matches = [:]
            for (doc, score) in current { if let other = matches[doc] { next[doc] = score + other } }
            result = next
            if next.isEmpty { return [:] }
        }
        if !softWords.isEmpty {
            let soft = try softMatches(uniqued(softWords), field: field)
            if let hard = result {
                var next: Matches = [:]
                for (doc, score) in hard {
                    if let extra = soft.scores[doc] { next[doc] = score + extra } else if !soft.anyRequired { next[doc] = score }
                }
                result = next
            } else {
                result = soft.scores
            }
        }
        var matches = try result ?? universe()
        for negative in negatives {
            for doc in try evaluate(negative, field: field).keys { matches[doc] = nil }
        }
        if !filters.isEmpty {
            let matcher = FilterMatcher(snapshot: snapshot)
            matches = try matches.filter { try matcher.matches(filters, docID: $0.key) }
        }
        return matches
    }

    /// Plain words under the default rules: short lists need every word but stopwords; long,
    /// pasted text (or the any-word retry) needs none and ranks by all.
    private func softMatches(_ words: [String], field: IndexField?) throws -> (scores: Matches, anyRequired: Bool) {
        let groups = try words.map { try expander.expand($0, in: snapshot) }
        let required = anyWord ? words.map { _ in false } : Self.requiredWords(words, limit: limits.maxRequiredWords)
        let ranked = try scorer.score(groups: groups, required: required, field: field, deadline: deadline)
        return (Dictionary(uniqueKeysWithValues: ranked.map { ($0.docID, $0.score) }), required.contains(true))
    }

    static func requiredWords(_ words: [String], limit: Int) -> [Bool] {
        guard words.count <= limit else { return words.map { _ in false } }
        let content = words.map { !Stopwords.contains($0) }
        return content.contains(true) ? content : words.map { _ in true }
    }

    private func uniqued(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    /// Every live document, unscored: what a query of only exclusions or filters starts from.
    func universe() throws -> Matches {
        var all: Matches = [:]
        all.reserveCapacity(snapshot.liveDocuments)
        for segment in snapshot.segments {
            try deadline.check()
            for local in 0..<segment.docCount where !segment.isDeleted(local) { all[segment.baseDoc + Int64(local)] = 0 }
        }
        return all
    }
}

/// Decides filters from the documents' cached facts. One matcher serves a whole query: it
/// keeps the facts filters read of each segment at hand, so a match costs a few array reads
/// (fetching a segment's facts per document copied all of them, a microsecond a match).
final class FilterMatcher {
    private final class Facts {
        let type: [String], fileExtension: [String], mtimeNs: [Int64], size: [Int64]
        init(_ values: DocValues) {
            type = values.type
            fileExtension = values.fileExtension
            mtimeNs = values.mtimeNs
            size = values.size
        }
    }

    let snapshot: IndexSnapshot
    private var facts: [Facts?]

    init(snapshot: IndexSnapshot) {
        self.snapshot = snapshot
        facts = Array(repeating: nil, count: snapshot.segments.count)
    }

    /// True when the document passes every filter.
    func matches(_ filters: [QueryFilter], docID: Int64) throws -> Bool {
        guard let index = snapshot.segmentIndex(of: docID) else { return false }
        let segment = snapshot.segments[index]
        if facts[index] == nil { facts[index] = Facts(try snapshot.docValues(segment)) }
        let facts = facts[index].unsafelyUnwrapped
        let local = Int(docID - segment.baseDoc)
        for filter in filters {
            switch filter {
            case .type(let types):
                guard types.contains(facts.type[local]) || types.contains(facts.fileExtension[local]) else { return false }
            case .modified(let from, let until):
                let mtime = facts.mtimeNs[local]
                guard from.map({ mtime >= $0 }) ?? true, until.map({ mtime < $0 }) ?? true else { return false }
            case .size(let atLeast, let below):
                let size = facts.size[local]
                guard atLeast.map({ size >= $0 }) ?? true, below.map({ size < $0 }) ?? true else { return false }
            }
        }
        return true
    }
}
