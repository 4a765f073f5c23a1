import HDriveText

/// A parsed query: the words to look for and how many of them a document needs.
struct ParsedQuery: Equatable {
    /// Distinct normalized terms, in the order typed.
    var terms: [String]
    /// Short queries need every word; long pasted text ranks by any word, as classic BM25 does.
    var requireAll: Bool

    /// Which words a document must have when every word is required: stopwords are not,
    /// unless the query has nothing else.
    var requiredTerms: [Bool] {
        guard requireAll else { return terms.map { _ in false } }
        let content = terms.map { !Stopwords.contains($0) }
        return content.contains(true) ? content : terms.map { _ in true }
    }
}

/// Turns what a person typed into terms. Anything that looks like syntax is searched as text
/// for now: the search-engine work adds phrases, prefixes, fields and filters here.
struct QueryParser {
    var analyzer: Analyzer
    /// Queries with more words than this match any word.
    var maxRequiredTerms = 6
    /// More distinct words than this are ignored (the first ones are kept).
    var maxTerms = 64

    func parse(_ query: String) -> ParsedQuery {
        var seen = Set<String>()
        var terms: [String] = []
        for term in analyzer.terms(in: query) where seen.insert(term).inserted {
            terms.append(term)
            if terms.count == maxTerms { break }
        }
        return ParsedQuery(terms: terms, requireAll: terms.count <= maxRequiredTerms)
    }
}
