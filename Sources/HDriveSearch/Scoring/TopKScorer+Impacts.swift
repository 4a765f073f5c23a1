import HDriveIndex

extension TopKScorer {
    /// Words of which some are required, ranked from the groups' impact lists
    /// (`ImpactConjunction`): one cached list per group and segment stands for all the group's
    /// forms. Candidates are scored best bound first (`ImpactCandidates`): each segment's as it
    /// is gathered while the page fills, then all later segments' together. A segment's cursors
    /// are only made for its first document scored exactly.
    /// Needs the index's bounds to hold for this ranking (`BlockBounds.apply(to:)`).
    func runOnImpactLists(groups: [TermGroup], required: [Bool], count: Int, exactTotalUpTo: Int,
                          accepts: ((Int64) throws -> Bool)?, deadline: Deadline) throws -> Result {
        let averages = IndexField.allCases.map { snapshot.averageLength($0) }
        let prepared = scoring.prepared(averages: averages)
        let bounds = BlockBounds(scoring: scoring, averages: averages)
        let byGroup = try groups.map { try snapshot.impacts(of: $0.members) }
        let impacts = snapshot.segments.indices.map { segment in byGroup.map { $0[segment] } }
        // As the other paths count a group: its members' postings in every segment.
        let frequencies = groups.indices.map { group in impacts.reduce(0) { $0 + $1[group].memberFrequency } }
        let idf = frequencies.map { BM25F.idf(documentFrequency: $0, in: snapshot) }
        let requiredIndexes = required.indices.filter { required[$0] }
        let rarestFirst = requiredIndexes.sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        let optionalIndexes = required.indices.filter { !required[$0] }
        let order = rarestFirst + optionalIndexes
        var tally = ImpactConjunction.Tally()
        let conjunction = ImpactConjunction(required: rarestFirst.count, idf: order.map { idf[$0] }, prepared: prepared,
                                            findsByMembership: findsByMembership)
        let scales = snapshot.segments.map { bounds.scale(references: $0.references) }
        // A segment's group cursors, as kept between searches while the segments stay (this
        // path reads no block bounds, whose scales move with deletions), or made anew.
        func groupCursors(_ index: Int) throws -> [GroupCursor] {
            let segment = snapshot.segments[index]
            return try impacts[index].map { list in
                func make() throws -> (ImpactList, GroupCursor) {
                    (list, try GroupCursor(members: try list.members.compactMap { member in try member.list.map { (try $0.cursor(), member.weight) } },
                                           bounds: bounds, documents: segment.docCount, readWholeFrom: readWholeFrom))
                }
                return try (self.cursors?.value(ObjectIdentifier(list), in: snapshot, make: make) ?? make()).1
            }
        }
        // Made for a segment's first candidate scored; they seek back and forth.
        var cursorsBySegment = [[GroupCursor]?](repeating: nil, count: snapshot.segments.count)
        var top = TopCollector(count: count)
        func score(_ candidate: ImpactCandidates.Candidate) throws -> Double {
            let index = candidate.segment, segment = snapshot.segments[index]
            if cursorsBySegment[index] == nil { cursorsBySegment[index] = try groupCursors(index) }
            let local = candidate.local
            let norms = prepared.weightsOverNorms(lengths: segment.fieldLengths(local))
            func score(_ group: Int) throws -> Double {
                try cursorsBySegment[index]![group].seek(to: local)
                return prepared.termScore(idf: idf[group], frequencies: cursorsBySegment[index]![group].weightedFrequencies(), weightsOverNorms: norms)
            }
            // Summed in query order, required groups first, as the other paths sum.
            var sum = 0.0
            for group in requiredIndexes { sum += try score(group) }
            for (bit, group) in optionalIndexes.enumerated() where candidate.present & (1 << UInt64(bit)) != 0 { sum += try score(group) }
            return sum
        }
        var candidates = ImpactCandidates(count: count)
        for (index, segment) in snapshot.segments.enumerated() {
            try deadline.check()
            let lists = impacts[index]
            if rarestFirst.contains(where: { lists[$0].count == 0 }) { continue }
            try conjunction.gather(segment, index: index, lists: order.map { lists[$0] }, scale: scales[index],
                                   looseness: looseness(scale: scales[index], references: segment.references, averages: averages), into: &candidates,
                                   tally: &tally, exactTotalUpTo: exactTotalUpTo, accepts: accepts)
            if !top.isFull { try candidates.score(into: &top, score) }
        }
        try candidates.score(into: &top, score)
        return Result(top: top.documents, matches: [], scored: [], total: tally.total, totalIsExact: !tally.skipped)
    }

    /// The most a match's bound in a segment can exceed its score by: its impact list's bound
    /// is rounded up, and made under the segment's own average lengths (`references`), scaled up
    /// to this search's (`scale`); the score's normalization differs from the list's by at most
    /// the largest ratio of a reference to the search's average the other way.
    private func looseness(scale: Double, references: SIMD8<Float>, averages: [Double]) -> Double {
        var shrink = 1.0
        for field in 0..<IndexField.count where references[field] > 0 {
            // As `BM25F.prepared`: a field no document has is normalized by 1.
            let average = averages[field] > 0 ? averages[field] : 1
            shrink = max(shrink, Double(references[field]) / average)
        }
        return scale * shrink * (1 + 1e-6)
    }
}
