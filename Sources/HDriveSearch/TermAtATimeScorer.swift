import HDriveIndex

/// A document with its score.
struct ScoredDocument: Equatable {
    var docID: Int64
    var score: Double
}

/// Scores every live document that matches, one term at a time into an accumulator.
/// Simple and exact; dynamic pruning (MaxScore) replaces it when indexes grow large.
struct TermAtATimeScorer {
    let scoring: BM25F
    let snapshot: IndexSnapshot

    func score(terms: [String], requireAll: Bool) throws -> [ScoredDocument] {
        let averages = IndexField.allCases.map { snapshot.averageLength($0) }
        var scores: [Int64: (score: Double, matched: Int)] = [:]
        for term in terms {
            let lists = try snapshot.postings(for: term)
            if lists.isEmpty && requireAll { return [] }
            let documentFrequency = lists.reduce(0) { $0 + $1.list.docFrequency }
            let idf = BM25F.idf(documentFrequency: documentFrequency, documentCount: snapshot.liveDocuments)
            for (segment, list) in lists {
                try list.forEach { local, frequencies in
                    guard !segment.isDeleted(local) else { return }
                    let value = scoring.termScore(idf: idf, frequencies: frequencies,
                                                  lengths: { segment.fieldLength(local, IndexField(rawValue: $0)!) },
                                                  averages: averages)
                    scores[segment.baseDoc + Int64(local), default: (0, 0)].score += value
                    scores[segment.baseDoc + Int64(local), default: (0, 0)].matched += 1
                }
            }
        }
        let needed = requireAll ? terms.count : 1
        return scores.compactMap { $0.value.matched >= needed ? ScoredDocument(docID: $0.key, score: $0.value.score) : nil }
    }
}

/// The best `count` documents, best first; equal scores fall back to the older document,
/// so the same query always lists the same order.
enum TopK {
    static func select(_ documents: [ScoredDocument], count: Int) -> [ScoredDocument] {
        let ordered: (ScoredDocument, ScoredDocument) -> Bool = {
            $0.score != $1.score ? $0.score > $1.score : $0.docID < $1.docID
        }
        if documents.count <= count { return documents.sorted(by: ordered) }
        // A bounded selection: keep a sorted buffer of the best `count` seen so far.
        var best: [ScoredDocument] = []
        best.reserveCapacity(count + 1)
        for document in documents {
            if best.count == count, let last = best.last, !ordered(document, last) { continue }
            let index = best.partitioningIndex { !ordered($0, document) }
            best.insert(document, at: index)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
