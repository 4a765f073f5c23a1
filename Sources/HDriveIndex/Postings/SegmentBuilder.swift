import HDriveText

/// Collects one batch's documents in memory and turns them into an immutable segment:
/// norms, and posting lists sorted by term (sorted rows are what SQLite inserts fastest).
struct SegmentBuilder {
    private(set) var documentCount = 0
    private var norms: [UInt8] = []
    private var postings: [String: PostingListBuilder] = [:]
    private(set) var fieldLengthTotals = [Int64](repeating: 0, count: IndexField.count)

    /// Adds a document and returns its local id.
    mutating func add(_ document: IndexableDocument, analyzer: Analyzer) -> Int {
        let local = documentCount
        documentCount += 1
        var positions: [String: [[UInt32]]] = [:]
        for field in IndexField.allCases {
            var length: UInt32 = 0
            if let text = document.fields[field] {
                analyzer.forEachToken(in: text) { token in
                    positions[token.term, default: Self.emptyPositions][field.rawValue].append(UInt32(token.position))
                    length += 1
                }
            }
            norms.appendUInt32LE(length)
            fieldLengthTotals[field.rawValue] += Int64(length)
        }
        for (term, termPositions) in positions {
            postings[term, default: PostingListBuilder()].add(localDoc: local, positions: termPositions)
        }
        return local
    }

    static let emptyPositions = [[UInt32]](repeating: [], count: IndexField.count)

    var isEmpty: Bool { documentCount == 0 }

    func encodedNorms() -> [UInt8] { norms }

    /// (term, document frequency, encoded list), sorted by term.
    func sortedPostings() -> [(term: String, docFrequency: Int, data: [UInt8])] {
        postings.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { entry in
            var builder = entry.value
            return (entry.key, builder.docFrequency, builder.encoded())
        }
    }
}
