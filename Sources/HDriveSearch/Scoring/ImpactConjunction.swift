import HDriveIndex

/// The candidates for the top k of a conjunction of word groups, segment after segment, from
/// their impact lists (`ImpactList`): the required groups' lists are intersected as plain
/// arrays, the optional groups' (stopwords beside other words) looked up on each match, and a
/// match is kept only while its bound could reach the page (`ImpactCandidates.floor`). The
/// candidates are scored best bound first (`ImpactCandidates.score`), until a bound falls short
/// of the page: each segment's as soon as it is gathered while the page fills, then those of
/// all later segments together.
///
/// Past the exact count, a match is also passed over, uncounted, as soon as one required
/// group's bound on it falls short of what that group must give when every other group gives
/// its best (MaxScore's reasoning, per document instead of per list).
struct ImpactConjunction {
    /// The number of required groups; lists come in this order: the required groups', the
    /// rarest first, then the optional groups'.
    let required: Int
    /// The groups' idf, in the lists' order.
    let idf: [Double]
    let prepared: BM25F.Prepared
    /// Whether a common word's list is asked by its bit (`ImpactList.Membership`).
    var findsByMembership = true

    struct Tally {
        var total = 0
        /// Whether a match was passed over uncounted.
        var skipped = false
    }

    /// Gathers the matches of one segment (`index` in the snapshot) into `candidates`. `scale`:
    /// what the lists' bounds are multiplied by under this search's average lengths
    /// (`BlockBounds`); `looseness`: the most a bound can exceed its document's score by.
    func gather(_ segment: SegmentInfo, index segmentIndex: Int, lists: [ImpactList], scale: Double, looseness: Double,
                into candidates: inout ImpactCandidates, tally: inout Tally, exactTotalUpTo: Int,
                accepts: ((Int64) throws -> Bool)?) throws {
        precondition(lists.count - required <= UInt64.bitWidth, "at most 64 optional groups")
        let best = lists.indices.map { prepared.scoreBound(idf: idf[$0], weighted: Double(lists[$0].maxBound) * scale) }
        let optionalBest = best[required...].reduce(0, +)
        // The lists' arrays, read in place: the loop below is the search's hottest.
        let views = lists.map { View(docs: $0.docs, bounds: $0.bounds, count: $0.count, membership: findsByMembership ? $0.membership : nil) }
        try withExtendedLifetime(lists) { try gather(segment, segmentIndex, views, best: best, optionalBest: optionalBest, scale: scale,
                                                     looseness: looseness, into: &candidates, tally: &tally,
                                                     exactTotalUpTo: exactTotalUpTo, accepts: accepts) }
    }

    /// An impact list's arrays.
    struct View {
        let docs: UnsafePointer<Int32>
        let bounds: UnsafePointer<Float>
        let count: Int
        let membership: ImpactList.Membership?
    }

    private func gather(_ segment: SegmentInfo, _ segmentIndex: Int, _ lists: [View], best: [Double], optionalBest: Double, scale: Double,
                        looseness: Double, into candidates: inout ImpactCandidates, tally: inout Tally, exactTotalUpTo: Int,
                        accepts: ((Int64) throws -> Bool)?) throws {
        var needed = [Float](repeating: 0, count: required)
        var neededFor = -Double.infinity
        var slots = [Int](repeating: 0, count: lists.count)
        let lead = lists[0]
        var index = 0
        leads: while index < lead.count {
            let filters = tally.total >= exactTotalUpTo && candidates.hasFloor
            if filters {
                if neededFor != candidates.floor {
                    neededFor = candidates.floor
                    needed = (0..<required).map { minimumBound(group: $0, threshold: neededFor, best: best, scale: scale) }
                }
                let need = needed[0]
                let start = index
                while index < lead.count && lead.bounds[index] < need { index += 1 }
                if index > start { tally.skipped = true }
                if index == lead.count { break }
            }
            let doc = lead.docs[index]
            slots[0] = index
            index += 1
            for other in 1..<required {
                guard let slot = Self.slot(of: doc, in: lists[other], searchingFrom: &slots[other]) else { continue leads }
                slots[other] = slot
                if filters && lists[other].bounds[slot] < needed[other] { tally.skipped = true; continue leads }
            }
            let local = Int(doc)
            if segment.isDeleted(local) { continue }
            let global = segment.baseDoc + Int64(local)
            if let accepts, try !accepts(global) { continue }
            tally.total += 1
            // The optional groups are looked up only when their best could lift the match over the floor.
            var bound = 0.0
            for group in 0..<required {
                bound += prepared.scoreBound(idf: idf[group], weighted: Double(lists[group].bounds[slots[group]]) * scale)
            }
            if candidates.isBelowFloor(bound + optionalBest) { continue }
            var present: UInt64 = 0
            for group in required..<lists.count {
                guard let slot = Self.slot(of: doc, in: lists[group], searchingFrom: &slots[group]) else { continue }
                present |= 1 << UInt64(group - required)
                bound += prepared.scoreBound(idf: idf[group], weighted: Double(lists[group].bounds[slot]) * scale)
            }
            candidates.add(ImpactCandidates.Candidate(segment: segmentIndex, local: local, global: global, bound: bound, present: present),
                           sure: bound / looseness)
        }
    }

    /// The least bound (as stored, before `scale`) a document's entry in list `group` needs for
    /// the document to reach `threshold` when every other group gives its best; 0 when any will
    /// do, infinity when none will.
    private func minimumBound(group: Int, threshold: Double, best: [Double], scale: Double) -> Float {
        let others = best.indices.reduce(0.0) { $1 == group ? $0 : $0 + best[$1] }
        // Slack on the safe side of rounding, as the floor's.
        let share = (threshold - others) / idf[group] * (1 - 1e-6)
        guard share > 0 else { return 0 }
        guard share < 1 else { return .infinity }
        // Solves idf * w / (k1 + w) = idf * share for w.
        let weighted = prepared.k1 * share / (1 - share) / scale
        return Float(weighted).nextDown
    }

    /// The slot of `doc` in `list`, or nil when the list lacks it: by its bit in a common word's
    /// list, by a search from `start` in another's (`start` moved to where the search ended,
    /// since the documents asked for ascend).
    @inline(__always)
    static func slot(of doc: Int32, in list: View, searchingFrom start: inout Int) -> Int? {
        if let membership = list.membership { return membership.slot(of: doc) }
        start = UnsafeBufferPointer(start: list.docs, count: list.count).gallop(to: doc, from: start)
        return start < list.count && list.docs[start] == doc ? start : nil
    }
}

/// Matches that may reach a page of `count`, and the floor under which none can: the page's
/// threshold so far, or the `count`-th best score that a match gathered is sure to reach (its
/// bound shrunk by how loose its segment's bounds can be), whichever is higher.
///
/// Candidates are scored as soon as their segment is gathered only until the page fills, which
/// gives the floor an exact threshold; later segments' candidates wait and are scored together,
/// best bound first. Bounds are tight, so the page's threshold then stops the scoring soon
/// after the best: scoring segment by segment scored every segment's few best.
struct ImpactCandidates {
    struct Candidate {
        /// The segment's index in the snapshot.
        var segment: Int
        var local: Int
        var global: Int64
        var bound: Double
        /// Bit i: the document holds optional group i.
        var present: UInt64
    }

    private var all: [Candidate] = []
    /// The matches with the best sure scores so far.
    private var sure: TopCollector
    /// The threshold of the page the candidates are for, once it is full.
    private var pageThreshold = -Double.infinity

    init(count: Int) { sure = TopCollector(count: count) }

    var hasFloor: Bool { sure.isFull || pageThreshold > -.infinity }

    /// No page's final threshold is below this (-infinity until a page's worth of matches is in).
    var floor: Double { max(sure.isFull ? sure.threshold : -.infinity, pageThreshold) }

    @inline(__always)
    func isBelowFloor(_ bound: Double) -> Bool { hasFloor && bound * (1 + 1e-9) < floor }

    /// `sure`: a score the candidate is sure to reach (at most its score).
    mutating func add(_ candidate: Candidate, sure score: Double) {
        if isBelowFloor(candidate.bound) { return }
        all.append(candidate)
        sure.offer(ScoredDocument(docID: candidate.global, score: score))
        // Drop what the floor has risen past, now and then, so the list stays short.
        if all.count >= 4 * sure.count + 1024 && hasFloor {
            let floor = self.floor
            all.removeAll { $0.bound * (1 + 1e-9) < floor }
        }
    }

    /// Scores the candidates into `top`, best bound first, until a bound cannot reach the page;
    /// then the list is emptied (what was left cannot reach the page). `score(candidate)` is
    /// asked in any order of segments and documents.
    mutating func score(into top: inout TopCollector, _ score: (Candidate) throws -> Double) throws {
        all.sort { ($0.bound, $1.global) > ($1.bound, $0.global) }
        for candidate in all {
            if top.isFull && candidate.bound * (1 + 1e-9) < top.threshold { break }
            top.offer(ScoredDocument(docID: candidate.global, score: try score(candidate)))
        }
        all.removeAll(keepingCapacity: true)
        if top.isFull { pageThreshold = top.threshold }
    }
}
