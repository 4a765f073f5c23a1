import HDriveIndex

/// Document-at-a-time scoring of plain word queries with dynamic pruning: every match is
/// visited (totals and facets need them all) but only documents that could enter the top k
/// are scored. With required words, candidates come from a leapfrog intersection that skips
/// whole blocks of the longer lists; optional words are only probed on those candidates.
struct TopKScorer {
    let scoring: BM25F
    let snapshot: IndexSnapshot

    struct Result {
        var top: [ScoredDocument]
        /// Every match's id, when asked for (facets need them).
        var matches: [Int64]
        var total: Int
    }

    func run(groups: [TermGroup], required: [Bool], count: Int, collectMatches: Bool = false, deadline: Deadline) throws -> Result {
        let averages = IndexField.allCases.map { snapshot.averageLength($0) }
        let lists = try groups.map { group in
            try group.members.map { member in (try snapshot.postings(for: member.term), member.weight) }
        }
        // idf and the largest score each group can give, over all segments.
        var idf: [Double] = [], bound: [Double] = []
        for memberLists in lists {
            let frequency = memberLists.reduce(0) { total, member in total + member.0.reduce(0) { $0 + $1.list.docFrequency } }
            let value = BM25F.idf(documentFrequency: min(frequency, max(snapshot.liveDocuments, 1)), documentCount: snapshot.liveDocuments)
            var weighted = 0.0
            for (segmentLists, weight) in memberLists {
                var best = 0.0
                for entry in segmentLists { best = max(best, try maxWeightedFrequency(entry.list)) }
                weighted += weight * best
            }
            idf.append(value)
            bound.append(value * weighted / (scoring.k1 + weighted))
        }
        var top = TopCollector(count: count)
        var matches: [Int64] = []
        var total = 0
        let prepared = scoring.prepared(averages: averages)
        let requiredIndexes = required.indices.filter { required[$0] }
        let optionalIndexes = required.indices.filter { !required[$0] }
        let optionalBound = optionalIndexes.reduce(0) { $0 + bound[$1] }

        for segment in snapshot.segments {
            try deadline.check()
            var cursors = try lists.map { memberLists in
                GroupCursor(members: try memberLists.compactMap { segmentLists, weight in
                    try segmentLists.first { $0.segment.id == segment.id }.map { (try $0.list.cursor(), weight) }
                })
            }
            if requiredIndexes.contains(where: { cursors[$0].isEmpty }) { continue }

            // A candidate's field normalization, computed once however many groups score it.
            var lengthsOf = -1
            var norms = SIMD8<Double>()
            func score(_ group: Int, _ local: Int) -> Double {
                if lengthsOf != local {
                    norms = prepared.weightsOverNorms(lengths: segment.fieldLengths(local))
                    lengthsOf = local
                }
                return prepared.termScore(idf: idf[group], frequencies: cursors[group].weightedFrequencies(), weightsOverNorms: norms)
            }

            var target = 0
            while true {
                // The next candidate: all required groups on one document, or any group on it.
                var candidate: Int
                if !requiredIndexes.isEmpty {
                    var agreed = false
                    candidate = target
                    while !agreed {
                        agreed = true
                        for group in requiredIndexes {
                            try cursors[group].advance(to: candidate)
                            if cursors[group].doc > candidate { candidate = cursors[group].doc; agreed = false; break }
                        }
                        if candidate == Int.max { break }
                    }
                } else {
                    candidate = Int.max
                    for group in optionalIndexes {
                        try cursors[group].advance(to: target)
                        candidate = min(candidate, cursors[group].doc)
                    }
                }
                if candidate == Int.max { break }
                target = candidate + 1
                if segment.isDeleted(candidate) { continue }
                let doc = segment.baseDoc + Int64(candidate)
                total += 1
                if collectMatches { matches.append(doc) }

                var partial = 0.0
                for group in requiredIndexes { partial += score(group, candidate) }
                // Optional groups only when they could lift the document into the top k.
                guard partial + optionalBound > top.threshold else { continue }
                var remaining = optionalBound
                for group in optionalIndexes {
                    remaining -= bound[group]
                    if !requiredIndexes.isEmpty { try cursors[group].advance(to: candidate) }
                    if cursors[group].doc == candidate { partial += score(group, candidate) }
                    if partial + remaining <= top.threshold { break }
                }
                top.offer(ScoredDocument(docID: doc, score: partial))
            }
        }
        return Result(top: top.documents, matches: matches, total: total)
    }

    /// An upper bound of the weighted frequency a list can give any document: its largest
    /// per-field frequencies, each as if the field were as short as it can be.
    private func maxWeightedFrequency(_ list: PostingList) throws -> Double {
        let maxima = try list.cursor().maxima
        var total = 0.0
        for field in 0..<IndexField.count where maxima[field] > 0 {
            total += scoring.weights[field] * Double(maxima[field]) / max(1 - scoring.b[field], 0.05)
        }
        return total
    }
}

/// Keeps the best `count` documents seen, best first, ties to the older document.
struct TopCollector {
    let count: Int
    private(set) var documents: [ScoredDocument] = []

    init(count: Int) { self.count = max(count, 1) }

    /// The score a document must beat to enter.
    var threshold: Double { documents.count < count ? -1 : documents[documents.count - 1].score }

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
