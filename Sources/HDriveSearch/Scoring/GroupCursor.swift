import HDriveIndex

/// The union of a term group's member cursors in one segment: it stands on the smallest
/// document any member stands on, and sums the members' weighted frequencies there.
struct GroupCursor {
    // Parallel arrays rather than an array of tuples: a member is then read in place, never
    // copied (a copied cursor retains its lists).
    private var cursors: [PostingCursor]
    private let weights: [Double]
    /// What each member's block bounds are multiplied by in this search (`BlockBounds`).
    private let scales: [Double]
    /// The current document; -1 before the first, Int.max when every member is exhausted.
    private(set) var doc = -1

    init(members: [(cursor: PostingCursor, weight: Double)], bounds: BlockBounds) {
        cursors = members.map(\.cursor)
        weights = members.map(\.weight)
        scales = members.map { bounds.scale($0.cursor) }
    }

    var isEmpty: Bool { cursors.isEmpty }

    /// Moves to the first document at or after `target`.
    mutating func advance(to target: Int) throws {
        var smallest = Int.max
        for index in cursors.indices {
            if cursors[index].doc < target { _ = try cursors[index].advance(to: target) }
            smallest = min(smallest, cursors[index].doc)
        }
        doc = smallest
    }

    /// The weighted frequency per field at the current document, as a vector.
    @inline(__always)
    func weightedFrequencies() -> SIMD8<Double> {
        var fields = SIMD8<Double>()
        for index in cursors.indices where cursors[index].doc == doc {
            fields += weights[index] * SIMD8<Double>(cursors[index].frequencies)
        }
        return fields
    }

    /// A bound on the weighted frequency of any document from `target` to the returned `upTo`.
    /// Members with block bounds answer from their directories, without decoding. A member
    /// without (a list of one block: a rare form, or a common one in a small segment) is moved
    /// to `target` instead: until its next document it adds nothing, and on that document at
    /// most its block's largest frequencies, each in a field as short as it can be (`shortest`,
    /// `BM25F.Prepared.shortest`).
    /// Counting such a member as unbounded made every group with a rare form unskippable.
    mutating func shallowBound(at target: Int, _ bounds: BlockBounds, shortest: SIMD8<Double>) throws -> (weighted: Double, upTo: Int) {
        var weighted = 0.0, upTo = Int.max
        for index in cursors.indices where scales[index].isFinite {
            guard let (last, bound) = cursors[index].shallowBlock(at: target) else { continue }
            weighted += weights[index] * bounds.scaled(bound, scales[index])
            upTo = min(upTo, last)
        }
        for index in cursors.indices where !scales[index].isFinite {
            if cursors[index].doc < target { _ = try cursors[index].advance(to: target) }
            let next = cursors[index].doc
            if next == Int.max { continue }
            if next > target {
                upTo = min(upTo, next - 1)
            } else {
                weighted += weights[index] * (SIMD8<Double>(cursors[index].blockMaxima) * shortest).sum()
                upTo = target
            }
        }
        return (weighted, upTo)
    }
}
