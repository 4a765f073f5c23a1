/// Collects one batch's documents in memory and turns them into an immutable segment:
/// norms, and posting lists sorted by term (sorted rows are what SQLite inserts fastest).
struct SegmentBuilder {
    private(set) var documentCount = 0
    private var norms: [UInt8] = []
    private var terms = TermTable(capacity: 1 << 12)
    /// Per term number of `terms`, its list so far.
    private var postings: [PostingListBuilder] = []
    /// The finished lists, once `seal` made them; no document can be added after.
    private var sealed: [(term: String, docFrequency: Int, data: [UInt8])]?
    private(set) var fieldLengthTotals = [Int64](repeating: 0, count: IndexField.count)

    /// Adds a document and returns its local id.
    mutating func add(_ document: AnalyzedDocument) -> Int {
        precondition(sealed == nil, "a sealed segment takes no more documents")
        let local = documentCount
        documentCount += 1
        for field in 0..<IndexField.count {
            norms.appendUInt32LE(document.fieldLengths[field])
            fieldLengthTotals[field] += Int64(document.fieldLengths[field])
        }
        document.forEachTerm { term, hash, frequencies, positions in
            let (number, isNew) = terms.number(of: term, hash: hash)
            if isNew { postings.append(PostingListBuilder()) }
            postings[number].add(localDoc: local, frequencies: frequencies, positions: positions)
        }
        return local
    }

    var isEmpty: Bool { documentCount == 0 }

    func encodedNorms() -> [UInt8] { norms }

    /// Sorts and encodes the posting lists now (the builders are dropped).
    mutating func seal() {
        guard sealed == nil else { return }
        sealed = sortedPostings()
        postings = []
        terms = TermTable()
    }

    /// (term, document frequency, encoded list), sorted by term.
    func sortedPostings() -> [(term: String, docFrequency: Int, data: [UInt8])] {
        if let sealed { return sealed }
        let references = ScoreBounds.references(totals: fieldLengthTotals, documents: documentCount)
        let lengths = Self.lengths(norms)
        let names = terms.terms
        return names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }.map { number in
            var builder = postings[number]
            return (names[number], builder.docFrequency, builder.encoded(lengths: lengths, references: references))
        }
    }

    /// A document's field lengths, from norms as a segment stores them.
    static func lengths(_ norms: [UInt8]) -> (Int) -> FieldFrequencies {
        { local in
            var lengths = FieldFrequencies()
            for field in 0..<IndexField.count { lengths[field] = norms.uint32LE(at: (local * IndexField.count + field) * 4) }
            return lengths
        }
    }
}
