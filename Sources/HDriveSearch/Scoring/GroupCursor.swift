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

    /// The weighted frequency per field at the current document.
    func frequencies(into fields: inout [Double]) {
        for index in fields.indices { fields[index] = 0 }
        for member in members where member.cursor.doc == doc {
            for field in fields.indices where member.cursor.frequencies[field] > 0 {
                fields[field] += member.weight * Double(member.cursor.frequencies[field])
            }
        }
    }
}
