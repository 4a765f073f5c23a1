import HDriveText

/// One document's terms with their positions per field, and its field lengths: all a segment
/// needs of it. Analysis is the costly part of indexing a document and needs no database, so
/// it can run on the thread that extracted the document, in parallel with others.
///
/// Flat arrays rather than a dictionary of nested arrays: one allocation per array, not one
/// per term and field.
struct AnalyzedDocument: Sendable {
    /// Distinct terms, in order of first occurrence.
    private(set) var terms: [String] = []
    /// Per term, its `TermTable.hash`.
    private(set) var hashes: [UInt64] = []
    /// Per term (same index as `terms`), its frequency in each field.
    private(set) var frequencies: [FieldFrequencies] = []
    /// Every term's positions, term after term; within a term by field, then ascending.
    private(set) var positions: [UInt32] = []
    /// Words per field, for the norms.
    private(set) var fieldLengths = FieldFrequencies()

    init(_ document: IndexableDocument, analyzer: Analyzer) {
        // Sized up front from the text (a word per 6 bytes or so): growing a dictionary
        // rehashes every term in it, and that was a tenth of analysis.
        let bytes = document.fields.values.reduce(0) { $0 + $1.utf8.count }
        let expectedTokens = bytes / 6 + 8
        var index = TermTable(capacity: expectedTokens / 2)
        var frequencies: [FieldFrequencies] = []
        frequencies.reserveCapacity(expectedTokens / 2)
        // Each token's term index and position, in field order; regrouped by term below.
        var tokenTerms: [Int] = []
        var tokenPositions: [UInt32] = []
        tokenTerms.reserveCapacity(expectedTokens)
        tokenPositions.reserveCapacity(expectedTokens)
        for field in IndexField.allCases {
            guard let text = document.fields[field] else { continue }
            let before = tokenTerms.count
            // By the folded bytes: a String is made only for a term the document had not yet.
            analyzer.forEachWord(in: text) { folded, position, _, _ in
                let (term, isNew) = index.number(ofBytes: folded)
                if isNew { frequencies.append(FieldFrequencies()) }
                frequencies[term][field.rawValue] += 1
                tokenTerms.append(term)
                tokenPositions.append(UInt32(position))
            }
            fieldLengths[field.rawValue] = UInt32(tokenTerms.count - before)
        }
        // A stable counting sort by term keeps each term's positions in field, then position, order.
        let terms = index.terms
        var next = [Int](repeating: 0, count: terms.count)
        var offset = 0
        for term in terms.indices {
            next[term] = offset
            offset += Int(frequencies[term].wrappedSum())
        }
        var positions = [UInt32](repeating: 0, count: tokenTerms.count)
        for (term, position) in zip(tokenTerms, tokenPositions) {
            positions[next[term]] = position
            next[term] += 1
        }
        self.terms = terms
        hashes = index.hashes
        self.frequencies = frequencies
        self.positions = positions
    }

    /// Calls `body` with each term, its `TermTable.hash`, its frequencies and its positions (by
    /// field, ascending).
    func forEachTerm(_ body: (String, UInt64, FieldFrequencies, ArraySlice<UInt32>) -> Void) {
        var offset = 0
        for term in terms.indices {
            let count = Int(frequencies[term].wrappedSum())
            body(terms[term], hashes[term], frequencies[term], positions[offset..<offset + count])
            offset += count
        }
    }
}
