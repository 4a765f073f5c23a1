import HDriveIndex

extension TopKScorer {
    /// Words of which some are required, ranked from the groups' impact lists
    /// (`ImpactConjunction`): one cached list per group and segment stands for all the group's
    /// forms, and a segment's cursors are only made for its first document scored exactly.
    /// Needs the index's bounds to hold for this ranking (`BlockBounds.applies`).
    func runOnImpactLists(groups: [TermGroup], required: [Bool], count: Int, exactTotalUpTo: Int,
                          accepts: ((Int64) throws -> Bool)?, deadline: Deadline) throws -> Result {
        let averages = IndexField.allCases.map { snapshot.averageLength($0) }
        let prepared = scoring.prepared(averages: averages)
        let bounds = BlockBounds(scoring: scoring, averages: averages)
        let impacts = try snapshot.segments.map { segment in try groups.map { try snapshot.impacts(of: $0.members, in: segment) } }
        // As the other paths count a group: its members' postings in every segment.
        let frequencies = groups.indices.map { group in impacts.reduce(0) { $0 + $1[group].memberFrequency } }
        let idf = frequencies.map { BM25F.idf(documentFrequency: $0, in: snapshot) }
        let requiredIndexes = required.indices.filter { required[$0] }
        let rarestFirst = requiredIndexes.sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        let optionalIndexes = required.indices.filter { !required[$0] }
        let order = rarestFirst + optionalIndexes
        var top = TopCollector(count: count)
        var tally = ImpactConjunction.Tally()
        for (segment, lists) in zip(snapshot.segments, impacts) {
            try deadline.check()
            if rarestFirst.contains(where: { lists[$0].count == 0 }) { continue }
            let conjunction = ImpactConjunction(lists: order.map { lists[$0] }, required: rarestFirst.count, idf: order.map { idf[$0] },
                                                scale: bounds.scale(references: lists[0].references), prepared: prepared)
            var cursors: [GroupCursor] = []
            try conjunction.scan(segment, into: &top, tally: &tally, exactTotalUpTo: exactTotalUpTo, accepts: accepts) { local, present in
                if cursors.isEmpty {
                    cursors = try lists.map { list in
                        try GroupCursor(members: try list.members.compactMap { member in try member.list.map { (try $0.cursor(), member.weight) } },
                                        bounds: bounds, documents: segment.docCount, readWholeFrom: readWholeFrom)
                    }
                }
                let norms = prepared.weightsOverNorms(lengths: segment.fieldLengths(local))
                func score(_ group: Int) throws -> Double {
                    try cursors[group].advance(to: local)
                    return prepared.termScore(idf: idf[group], frequencies: cursors[group].weightedFrequencies(), weightsOverNorms: norms)
                }
                // Summed in query order, required groups first, as the other paths sum.
                var sum = 0.0
                for group in requiredIndexes { sum += try score(group) }
                for (index, group) in optionalIndexes.enumerated() where present[index] { sum += try score(group) }
                return sum
            }
        }
        return Result(top: top.documents, matches: [], scored: [], total: tally.total, totalIsExact: !tally.skipped)
    }
}
