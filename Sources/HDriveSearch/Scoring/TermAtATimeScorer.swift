import HDriveIndex

/// A document with its score.
struct ScoredDocument: Equatable {
    var docID: Int64
    var score: Double
}

/// Scores every live document that matches, one term group at a time into an accumulator.
/// Simple and exact; dynamic pruning (MaxScore) replaces it when indexes grow large.
struct TermAtATimeScorer {
    let scoring: BM25F
    let snapshot: IndexSnapshot

    /// A document's weighted frequencies of one group, per field, summed over the group's terms
    /// before BM25F saturates them (as Lucene's SynonymQuery does).
    private struct GroupFrequencies {
        var segment: SegmentInfo
        var local: Int
        var fields: SIMD8<Double>
    }

    /// `required[i]`: a document must match group `i` to be returned.
    func score(groups: [TermGroup], required: [Bool], field: IndexField? = nil, deadline: Deadline) throws -> [ScoredDocument] {
        let neededCount = required.filter { $0 }.count
        var scores: [Int64: (score: Double, matchedRequired: Int)] = [:]
        for (index, group) in groups.enumerated() {
            let matches = try self.matches(group, field: field, deadline: deadline)
            if matches.isEmpty && required[index] { return [] }
            for (doc, value) in matches {
                scores[doc, default: (0, 0)].score += value
                if required[index] { scores[doc, default: (0, 0)].matchedRequired += 1 }
            }
        }
        return scores.compactMap { doc, value in
            value.matchedRequired >= neededCount ? ScoredDocument(docID: doc, score: value.score) : nil
        }
    }

    /// Every live document matching any term of the group (in `field` only, when given),
    /// with the group's BM25F score.
    func matches(_ group: TermGroup, field: IndexField?, deadline: Deadline) throws -> [Int64: Double] {
        let prepared = scoring.prepared(averages: IndexField.allCases.map { snapshot.averageLength($0) })
        var perDocument: [Int64: GroupFrequencies] = [:]
        var documentFrequency = 0
        for member in group.members {
            for (segment, list) in try snapshot.postings(for: member.term) {
                try deadline.check()
                documentFrequency += list.docFrequency
                try list.forEach { local, frequencies in
                    guard !segment.isDeleted(local) else { return }
                    if let field, frequencies[field.rawValue] == 0 { return }
                    let doc = segment.baseDoc + Int64(local)
                    var entry = perDocument[doc] ?? GroupFrequencies(segment: segment, local: local, fields: SIMD8<Double>())
                    entry.fields += BM25F.weighted(frequencies, weight: member.weight, field: field)
                    perDocument[doc] = entry
                }
            }
        }
        let idf = BM25F.idf(documentFrequency: documentFrequency, in: snapshot)
        var scores: [Int64: Double] = [:]
        scores.reserveCapacity(perDocument.count)
        for (doc, entry) in perDocument {
            scores[doc] = prepared.termScore(idf: idf, frequencies: entry.fields,
                                             lengths: entry.segment.fieldLengths(entry.local))
        }
        return scores
    }
}

/// The best `count` documents, best first; equal scores fall back to the older document,
/// so the same query always lists the same order.
enum TopK {
    static func select(_ documents: [ScoredDocument], count: Int) -> [ScoredDocument] {
        var top = TopCollector(count: count)
        for document in documents { top.offer(document) }
        return top.documents
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
