import HDriveIndex

/// The union of a term group's member cursors in one segment: it stands on the smallest
/// document any member stands on, and sums the members' weighted frequencies there.
///
/// Short members (one block: rare forms, compounds, or any list in a small segment) are
/// decoded up front and merged into one sorted run (`MergedRun`). A group such as "protein"
/// has a few common forms and dozens of rare ones; as cursors, every rare one was checked on
/// every candidate, and, lacking block bounds, blocked skipping.
///
/// A group with many long members (a prefix such as `pro*` has hundreds) is read whole into
/// the run instead, summed per document (`MergedRun(summing:)`): reading every member once
/// costs less than visiting each of them on every candidate.
struct GroupCursor {
    // Parallel arrays rather than an array of tuples: a member is then read in place, never
    // copied (a copied cursor retains its lists).
    private var cursors: [PostingCursor]
    private let weights: [Double]
    /// What each member's block bounds are multiplied by in this search (`BlockBounds`).
    private let scales: [Double]
    private let run: MergedRun
    /// Where the run stands: its first document at or after the last target.
    private var runSlot = 0
    /// The current document; -1 before the first, Int.max when every member is exhausted.
    private(set) var doc = -1

    /// Lists of at most this many blocks are merged into the run.
    static let shortBlocks = 1

    /// `documents`: the segment's document count. `readWholeFrom`: a group with this many long
    /// members is read whole into the run.
    init(members: [(cursor: PostingCursor, weight: Double)], bounds: BlockBounds, documents: Int, readWholeFrom: Int) throws {
        let long = members.filter { $0.cursor.blockCount > Self.shortBlocks }
        if long.count >= readWholeFrom {
            cursors = []
            weights = []
            scales = []
            run = try MergedRun(summing: members.map { ($0.cursor, $0.weight) }, documents: documents)
            return
        }
        scales = long.map { bounds.scale($0.cursor) }
        cursors = long.map(\.cursor)
        weights = long.map(\.weight)
        run = try MergedRun(members.filter { $0.cursor.blockCount <= Self.shortBlocks }.map { ($0.cursor, $0.weight) })
    }

    var isEmpty: Bool { cursors.isEmpty && run.docs.isEmpty }

    /// Moves to the first document at or after `target`, which may lie behind the current one.
    mutating func seek(to target: Int) throws {
        if target < doc {
            for index in cursors.indices { cursors[index].rewind() }
            runSlot = 0
        }
        try advance(to: target)
    }

    /// Moves to the first document at or after `target`.
    mutating func advance(to target: Int) throws {
        var smallest = Int.max
        for index in cursors.indices {
            if cursors[index].doc < target { _ = try cursors[index].advance(to: target) }
            smallest = min(smallest, cursors[index].doc)
        }
        doc = min(smallest, moveRun(to: target))
    }

    /// Moves the run to `target`; its document there, Int.max past its end.
    @inline(__always)
    private mutating func moveRun(to target: Int) -> Int {
        let docs = run.docs
        // Galloping: a group read whole has a long run, and `seek` may start it over.
        runSlot = docs.gallop(to: target, from: runSlot)
        return runSlot < docs.count ? docs[runSlot] : Int.max
    }

    /// The weighted frequency per field at the current document, as a vector.
    @inline(__always)
    func weightedFrequencies() -> SIMD8<Double> {
        var fields = SIMD8<Double>()
        for index in cursors.indices where cursors[index].doc == doc {
            fields += weights[index] * SIMD8<Double>(cursors[index].frequencies)
        }
        if runSlot < run.docs.count && run.docs[runSlot] == doc { fields += run.weighted[runSlot] }
        return fields
    }

    /// A bound on the weighted frequency of any document from `target` to the returned `upTo`.
    /// Members with block bounds answer from their directories, without decoding. A member
    /// without (bounds that do not apply to this search's weights) is moved to `target`
    /// instead: until its next document it adds nothing, and on that document at most its
    /// block's largest frequencies, each in a field as short as it can be (`shortest`,
    /// `BM25F.Prepared.shortest`). The run does the same with its exact frequencies.
    mutating func shallowBound(at target: Int, _ bounds: BlockBounds, shortest: SIMD8<Double>) throws -> (weighted: Double, upTo: Int) {
        var weighted = 0.0, upTo = Int.max
        for index in cursors.indices where scales[index].isFinite {
            guard let (last, bound) = cursors[index].shallowBlock(at: target) else { continue }
            weighted += weights[index] * bounds.scaled(bound, scales[index])
            upTo = min(upTo, last)
        }
        func include(next: Int, bound: () -> Double) {
            if next == Int.max { return }
            if next > target {
                upTo = min(upTo, next - 1)
            } else {
                weighted += bound()
                upTo = target
            }
        }
        for index in cursors.indices where !scales[index].isFinite {
            if cursors[index].doc < target { _ = try cursors[index].advance(to: target) }
            include(next: cursors[index].doc) { weights[index] * (SIMD8<Double>(cursors[index].blockMaxima) * shortest).sum() }
        }
        let next = moveRun(to: target)
        include(next: next) { (run.weighted[runSlot] * shortest).sum() }
        return (weighted, upTo)
    }
}

/// Member lists of a group, decoded and merged: each document once, ascending, with the
/// members' weighted frequencies summed in the group's order, as the exhaustive scorer sums
/// them.
struct MergedRun {
    private(set) var docs: [Int] = []
    private(set) var weighted: [SIMD8<Double>] = []

    /// A few short lists: their postings sorted by document, then member.
    init(_ members: [(cursor: PostingCursor, weight: Double)]) throws {
        var entries: [(doc: Int, member: Int, weighted: SIMD8<Double>)] = []
        for (member, (cursor, weight)) in members.enumerated() {
            var cursor = cursor
            while try cursor.next() { entries.append((cursor.doc, member, weight * SIMD8<Double>(cursor.frequencies))) }
        }
        if members.count > 1 { entries.sort { ($0.doc, $0.member) < ($1.doc, $1.member) } }
        docs.reserveCapacity(entries.count)
        weighted.reserveCapacity(entries.count)
        for entry in entries {
            if docs.last == entry.doc {
                weighted[weighted.count - 1] += entry.weighted
            } else {
                docs.append(entry.doc)
                weighted.append(entry.weighted)
            }
        }
    }

    /// Any number of lists, summed member after member into a slot per document of the
    /// segment (`documents` of them): no sort, however many postings.
    init(summing members: [(cursor: PostingCursor, weight: Double)], documents: Int) throws {
        var sums = [SIMD8<Double>](repeating: SIMD8(), count: documents)
        var present = DocumentBits(documents: documents)
        for (cursor, weight) in members {
            var cursor = cursor
            while try cursor.next() {
                let doc = cursor.doc
                guard doc < documents else { throw IndexError("a posting list names a document past its segment's end") }
                sums[doc] += weight * SIMD8<Double>(cursor.frequencies)
                present.insert(doc)
            }
        }
        let count = present.count
        docs.reserveCapacity(count)
        weighted.reserveCapacity(count)
        present.forEach { doc in
            docs.append(doc)
            weighted.append(sums[doc])
        }
    }
}
