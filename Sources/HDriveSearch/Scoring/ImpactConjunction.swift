import HDriveIndex

/// The top k of a conjunction of word groups in one segment, from their impact lists
/// (`ImpactList`): the required groups' lists are intersected as plain arrays, the optional
/// groups' (stopwords beside other words) looked up on each match, and only a document whose
/// bounds add up to more than the page's threshold is scored exactly.
///
/// Past the exact count, a document is also passed over, uncounted, as soon as one required
/// group's bound on it falls short of what that group must give when every other group gives
/// its best (MaxScore's reasoning, per document instead of per list).
struct ImpactConjunction {
    /// The required groups' lists, the rarest first, then the optional groups'.
    let lists: [ImpactList]
    let required: Int
    /// The groups' idf, in the lists' order.
    let idf: [Double]
    /// What the lists' bounds are multiplied by under this search's average lengths (`BlockBounds`).
    let scale: Double
    let prepared: BM25F.Prepared

    struct Tally {
        var total = 0
        /// Whether a match was passed over uncounted.
        var skipped = false
    }

    /// `score(local, present)`: the exact score of a document that holds every required group;
    /// `present[i]` says whether it holds optional group `i`.
    func scan(_ segment: SegmentInfo, into top: inout TopCollector, tally: inout Tally, exactTotalUpTo: Int,
              accepts: ((Int64) throws -> Bool)?, score: (Int, [Bool]) throws -> Double) throws {
        let best = lists.indices.map { prepared.scoreBound(idf: idf[$0], weighted: Double(lists[$0].maxBound) * scale) }
        let optionalBest = best[required...].reduce(0, +)
        var needed = [Float](repeating: 0, count: required)
        var neededFor = -Double.infinity
        var slots = [Int](repeating: 0, count: lists.count)
        var present = [Bool](repeating: false, count: lists.count - required)
        let lead = lists[0]
        var index = 0
        leads: while index < lead.count {
            let filters = tally.total >= exactTotalUpTo && top.isFull
            if filters {
                if neededFor != top.threshold {
                    neededFor = top.threshold
                    needed = (0..<required).map { minimumBound(group: $0, threshold: neededFor, best: best) }
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
                let list = lists[other]
                let slot = Self.seek(doc, in: list, from: slots[other])
                slots[other] = slot
                if slot == list.count { break leads }
                if list.docs[slot] != doc { continue leads }
                if filters && list.bounds[slot] < needed[other] { tally.skipped = true; continue leads }
            }
            let local = Int(doc)
            if segment.isDeleted(local) { continue }
            let global = segment.baseDoc + Int64(local)
            if let accepts, try !accepts(global) { continue }
            tally.total += 1
            let full = top.isFull
            // Required groups' bounds need only be added up for a full page, and the optional
            // groups looked up only when their best could lift the document into it.
            var bound = 0.0
            if full {
                for group in 0..<required {
                    bound += prepared.scoreBound(idf: idf[group], weighted: Double(lists[group].bounds[slots[group]]) * scale)
                }
                if (bound + optionalBest) * (1 + 1e-9) < top.threshold { continue }
            }
            for group in required..<lists.count {
                let list = lists[group]
                let slot = Self.seek(doc, in: list, from: slots[group])
                slots[group] = slot
                let holds = slot < list.count && list.docs[slot] == doc
                present[group - required] = holds
                if holds && full { bound += prepared.scoreBound(idf: idf[group], weighted: Double(list.bounds[slot]) * scale) }
            }
            // The bounds are exact arithmetic's worst case; the slack keeps rounding on the safe side.
            if full && bound * (1 + 1e-9) < top.threshold { continue }
            top.offer(ScoredDocument(docID: global, score: try score(local, present)))
        }
    }

    /// The least bound (as stored, before `scale`) a document's entry in list `group` needs for
    /// the document to beat `threshold` when every other group gives its best; 0 when any will
    /// do, infinity when none will.
    private func minimumBound(group: Int, threshold: Double, best: [Double]) -> Float {
        let others = best.indices.reduce(0.0) { $1 == group ? $0 : $0 + best[$1] }
        // Slack on the safe side of rounding, as the bound test's.
        let share = (threshold - others) / idf[group] * (1 - 1e-6)
        guard share > 0 else { return 0 }
        guard share < 1 else { return .infinity }
        // Solves idf * w / (k1 + w) = idf * share for w.
        let weighted = prepared.k1 * share / (1 - share) / scale
        return Float(weighted).nextDown
    }

    /// The first slot at or after `from` whose document is at least `doc` (`list.count` if none):
    /// galloping (steps of 1, 2, 4...) then a binary search within the last step, since the
    /// document sought is most often near.
    @inline(__always)
    static func seek(_ doc: Int32, in list: ImpactList, from: Int) -> Int {
        let docs = list.docs, count = list.count
        guard from < count, docs[from] < doc else { return from }
        var low = from, step = 1
        while low + step < count && docs[low + step] < doc {
            low += step
            step <<= 1
        }
        // docs[low] < doc, and doc <= docs[low + step] (or past the end).
        var high = min(low + step, count)
        low += 1
        while low < high {
            let middle = (low + high) >> 1
            if docs[middle] < doc { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
