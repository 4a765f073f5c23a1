import HDriveIndex

/// The union of a term group's member cursors in one segment: it stands on the smallest
/// document any member stands on, and sums the members' weighted frequencies there.
struct GroupCursor {
    private var members: [(cursor: PostingCursor, weight: Double)]
    /// The current document; -1 before the first, Int.max when every member is exhausted.
    private(set) var doc = -1

    init(members: [(cursor: PostingCursor, weight: Double)]) {
        self.members = members
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

    /// A bound on the weighted frequency any document from `doc` on can have here, and the
    /// last document it holds for: where the first of the members' current blocks ends.
    func blockBound(_ bounds: BlockBounds) -> (weighted: Double, upTo: Int) {
        var weighted = 0.0, upTo = Int.max
        for member in members where member.cursor.doc != Int.max {
            weighted += member.weight * bounds.block(member.cursor)
            upTo = min(upTo, member.cursor.blockLastDoc)
        }
        return (weighted, upTo)
    }
}
