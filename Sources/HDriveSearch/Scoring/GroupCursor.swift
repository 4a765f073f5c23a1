import HDriveIndex

/// The union of a term group's member cursors in one segment: it stands on the smallest
/// document any member stands on, and sums the members' weighted frequencies there.
struct GroupCursor {
    /// `scale`: what the member's block bounds are multiplied by in this search (`BlockBounds`).
    private var members: [(cursor: PostingCursor, weight: Double, scale: Double)]
    /// The current document; -1 before the first, Int.max when every member is exhausted.
    private(set) var doc = -1

    init(members: [(cursor: PostingCursor, weight: Double)], bounds: BlockBounds) {
        self.members = members.map { ($0.cursor, $0.weight, bounds.scale($0.cursor)) }
    }

    var isEmpty: Bool { members.isEmpty }

    /// Moves to the first document at or after `target`.
    mutating func advance(to target: Int) throws {
        var smallest = Int.max
        for index in members.indices {
            if members[index].cursor.doc < target { _ = try members[index].cursor.advance(to: target) }
            smallest = min(smallest, members[index].cursor.doc)
        }
        doc = smallest
    }

    /// The weighted frequency per field at the current document, as a vector.
    @inline(__always)
    func weightedFrequencies() -> SIMD8<Double> {
        var fields = SIMD8<Double>()
        for member in members where member.cursor.doc == doc {
            fields += member.weight * SIMD8<Double>(member.cursor.frequencies)
        }
        return fields
    }

    /// A bound on the weighted frequency of any document from `target` to the returned `upTo`,
    /// from the members' blocks there, read in the directories alone (nothing is decoded).
    mutating func shallowBound(at target: Int, _ bounds: BlockBounds) -> (weighted: Double, upTo: Int) {
        var weighted = 0.0, upTo = Int.max
        for index in members.indices {
            guard let (last, bound) = members[index].cursor.shallowBlock(at: target) else { continue }
            weighted += members[index].weight * bounds.scaled(bound, members[index].scale)
            upTo = min(upTo, last)
        }
        return (weighted, upTo)
    }
}
