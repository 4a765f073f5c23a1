/// Keeps the best `count` documents seen, best first, ties to the older document.
struct TopCollector {
    let count: Int
    private(set) var documents: [ScoredDocument] = []

    init(count: Int) { self.count = max(count, 1) }

    var isFull: Bool { documents.count >= count }

    /// The score a document must beat to enter.
    var threshold: Double { isFull ? documents[documents.count - 1].score : -1 }

    mutating func offer(_ document: ScoredDocument) {
        if documents.count == count, let last = documents.last, !Self.ordered(document, last) { return }
        let index = documents.partitioningIndex { !Self.ordered($0, document) }
        documents.insert(document, at: index)
        if documents.count > count { documents.removeLast() }
    }

    static func ordered(_ a: ScoredDocument, _ b: ScoredDocument) -> Bool {
        a.score != b.score ? a.score > b.score : a.docID < b.docID
    }
}
