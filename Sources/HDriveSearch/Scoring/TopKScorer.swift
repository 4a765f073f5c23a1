import HDriveIndex

/// Document-at-a-time scoring of plain word queries with dynamic pruning: only documents that
/// could enter the top k are scored. Queries with required words go to the impact lists when
/// the index's bounds hold for the ranking (`runOnImpactLists`); what follows is the path of
/// the others, and of every query whose matches are all wanted. With required words,
/// candidates come from a leapfrog intersection that skips whole blocks of the longer lists;
/// optional words are only probed on those candidates (MaxScore). Matches are counted exactly
/// up to `exactTotalUpTo` (every one when their ids are wanted, for facets); past that, each
/// run of documents whose blocks' score bounds cannot beat the k-th best so far is passed over
/// unread (block-max, as in Ding and Suel's block-max WAND), and the total is a lower bound, as
/// Lucene's is. Before that, such documents are counted but not scored.
struct TopKScorer {
    let scoring: BM25F
    let snapshot: IndexSnapshot
    /// A word group with this many long forms is read whole (`GroupCursor`).
    var readWholeFrom = 16
    /// Word groups' cursors as made, kept between searches; made afresh without.
    var cursors: SegmentSetCache<ObjectIdentifier, (ImpactList, GroupCursor)>?
    /// Queries with required words are ranked from impact lists (`ImpactConjunction`); off,
    /// from block bounds, which the index's lists carry too.
    var usesImpactLists = true
    /// A document is found in a common word's impact list by its bit (`ImpactList.Membership`);
    /// off, by searching the list, as in a rare word's.
    var findsByMembership = true

    struct Result {
        var top: [ScoredDocument]
        /// Every match's id, when asked for (facets need them).
        var matches: [Int64]
        /// Every match with its score, when asked for (an order other than relevance needs
        /// them); `top` is then empty.
        var scored: [ScoredDocument]
        /// Matches counted: all of them when `totalIsExact`, else a lower bound.
        var total: Int
        var totalIsExact: Bool
    }

    /// `accepts`: a document is a match only when this says so (the query's filters).
    /// `scoreEvery`: every match is scored and returned in `scored`, nothing pruned.
    func run(groups: [TermGroup], required: [Bool], count: Int, collectMatches: Bool = false,
             exactTotalUpTo: Int = .max, accepts: ((Int64) throws -> Bool)? = nil, scoreEvery: Bool = false,
             deadline: Deadline) throws -> Result {
        // Words of which some are required rank from impact lists when the index's bounds hold
        // for this ranking; every match is wanted when their ids (facets) or scores are.
        if usesImpactLists && !collectMatches && !scoreEvery && required.contains(true) && required.count(where: { !$0 }) <= 64
            && BlockBounds.apply(to: scoring) {
            return try runOnImpactLists(groups: groups, required: required, count: count, exactTotalUpTo: exactTotalUpTo,
                                        accepts: accepts, deadline: deadline)
        }
        let averages = IndexField.allCases.map { snapshot.averageLength($0) }
        let lists = try groups.map { group in
            try group.members.map { member in (try snapshot.postings(for: member.term), member.weight) }
        }
        let prepared = scoring.prepared(averages: averages)
        let bounds = BlockBounds(scoring: scoring, averages: averages)
        let shortest = prepared.shortest
        // idf and, for optional groups (MaxScore), the largest score the group can give in any segment.
        var idf: [Double] = [], bound: [Double] = [], frequencies: [Int] = []
        for (group, memberLists) in lists.enumerated() {
            let frequency = memberLists.reduce(0) { total, member in total + member.0.reduce(0) { $0 + $1.list.docFrequency } }
            frequencies.append(frequency)
            let value = BM25F.idf(documentFrequency: frequency, in: snapshot)
            var weighted = 0.0
            for (segmentLists, weight) in memberLists where !required[group] {
                var best = 0.0
                for entry in segmentLists {
                    let cursor = try entry.list.cursor()
                    // The list's largest frequencies bound it too (the only bound of a list without block bounds).
                    best = max(best, min((SIMD8<Double>(cursor.maxima) * shortest).sum(), bounds.listBound(cursor)))
                }
                weighted += weight * best
            }
            idf.append(value)
            bound.append(prepared.scoreBound(idf: value, weighted: weighted))
        }
        var top = TopCollector(count: count)
        var matches: [Int64] = []
        var scored: [ScoredDocument] = []
        var total = 0
        var skipped = false
        let requiredIndexes = required.indices.filter { required[$0] }
        // The intersection asks the rarest word first: its documents are the fewest candidates,
        // and the commoner lists are then moved straight to them (scores still add up in query order).
        let rarestFirst = requiredIndexes.sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        let optionalIndexes = required.indices.filter { !required[$0] }
        let optionalBound = optionalIndexes.reduce(0) { $0 + bound[$1] }
        // The bounds are exact arithmetic's worst case; the slack keeps rounding on the safe side.
        func cannotEnter(_ bound: Double) -> Bool { bound * (1 + 1e-9) < top.threshold }

        // Nothing is skipped when every match is wanted: its id (facets) or its score (orders
        // other than relevance).
        let prunes = !collectMatches && !scoreEvery
        // Past the exact count, optional words too weak to reach the page stop producing
        // candidates (MaxScore); only when no word is required.
        var partition = MaxScorePartition(optional: optionalIndexes, bound: bound)
        let partitions = prunes && requiredIndexes.isEmpty
        func updatePartition() {
            guard partitions && total >= exactTotalUpTo && top.isFull else { return }
            partition.update(cannotEnter: cannotEnter)
        }
        var groupScores = [Double](repeating: 0, count: groups.count)
        for segment in snapshot.segments {
            try deadline.check()
            var cursors = try lists.enumerated().map { group, memberLists in
                try GroupCursor(members: try memberLists.compactMap { segmentLists, weight in
                    try segmentLists.first { $0.segment.id == segment.id }.map { (try $0.list.cursor(), weight) }
                }, bounds: bounds, documents: segment.docCount, readWholeFrom: readWholeFrom)
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
            // Each group's block bound, kept until the target passes the block it holds for.
            var blockScore = [Double](repeating: 0, count: groups.count)
            var blockEnd = [Int](repeating: -1, count: groups.count)
            /// The best score any document from `target` to the returned end could reach: the
            /// required groups' block bounds, and every optional group's whole bound.
            func blockBound(at target: Int) throws -> (score: Double, upTo: Int) {
                var best = optionalBound, upTo = Int.max
                for group in requiredIndexes {
                    if blockEnd[group] < target {
                        let (weighted, end) = try cursors[group].shallowBound(at: target, bounds, shortest: shortest)
                        blockScore[group] = prepared.scoreBound(idf: idf[group], weighted: weighted)
                        blockEnd[group] = end
                    }
                    best += blockScore[group]
                    upTo = min(upTo, blockEnd[group])
                }
                return (best, upTo)
            }
            // Only required words are bounded by blocks: a long pasted query of optional words has
            // too many lists for their block bounds to pay, and MaxScore prunes it already.
            let skipsBlocks = prunes && !requiredIndexes.isEmpty

            var target = 0
            while true {
                // Past the exact count, runs of documents whose blocks cannot beat the k-th
                // score are passed over in the directories, before any of them is decoded.
                if skipsBlocks && total >= exactTotalUpTo {
                    var (best, upTo) = try blockBound(at: target)
                    while cannotEnter(best) && upTo != Int.max {
                        skipped = true
                        target = upTo + 1
                        (best, upTo) = try blockBound(at: target)
                    }
                    if cannotEnter(best) { break }  // every bounded list is exhausted
                }
                // The next candidate: all required groups on one document, or any group on it.
                var candidate: Int
                if !requiredIndexes.isEmpty {
                    var agreed = false
                    candidate = target
                    while !agreed {
                        agreed = true
                        for group in rarestFirst {
                            try cursors[group].advance(to: candidate)
                            if cursors[group].doc > candidate { candidate = cursors[group].doc; agreed = false; break }
                        }
                        if candidate == Int.max { break }
                    }
                } else {
                    // Documents only the non-essential words hold are passed over, uncounted.
                    if partition.skipsSome { skipped = true }
                    candidate = Int.max
                    for group in partition.essential {
                        try cursors[group].advance(to: target)
                        candidate = min(candidate, cursors[group].doc)
                    }
                }
                if candidate == Int.max { break }
                target = candidate + 1
                if segment.isDeleted(candidate) { continue }
                let doc = segment.baseDoc + Int64(candidate)
                if let accepts, try !accepts(doc) { continue }
                total += 1
                if collectMatches { matches.append(doc) }
                // Counted, but not scored, when its blocks cannot reach the page: while the total
                // is still counted exactly, runs cannot be skipped, but their scoring can.
                if !requiredIndexes.isEmpty && top.isFull, cannotEnter(try blockBound(at: candidate).score) {
                    continue
                }

                var partial = 0.0
                for group in requiredIndexes { partial += score(group, candidate) }
                // Optional groups only when they could lift the document into the top k.
                guard partial + optionalBound > top.threshold else { continue }
                // Probed by bound, largest first, and given up as soon as the words left cannot
                // lift the document into the top k; the score itself adds up in query order.
                let requiredScore = partial
                var remaining = optionalBound, complete = true
                for group in partition.probeOrder {
                    remaining -= bound[group]
                    if cursors[group].doc < candidate { try cursors[group].advance(to: candidate) }
                    groupScores[group] = cursors[group].doc == candidate ? score(group, candidate) : 0
                    partial += groupScores[group]
                    if partial + remaining <= top.threshold { complete = false; break }
                }
                guard complete else { continue }
                var sum = requiredScore
                for group in optionalIndexes { sum += groupScores[group] }
                if scoreEvery {
                    scored.append(ScoredDocument(docID: doc, score: sum))
                } else {
                    top.offer(ScoredDocument(docID: doc, score: sum))
                }
                updatePartition()
                if partition.isExhausted { break }  // no word left can reach the page
            }
            if partition.isExhausted { skipped = true; break }
        }
        return Result(top: top.documents, matches: matches, scored: scored, total: total, totalIsExact: !skipped)
    }
}
