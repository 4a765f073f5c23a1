import HDriveIndex

/// Whether the score bounds a posting list carries hold for this search, and their values: they
/// do when the ranking weighs fields as the index computed them (`ScoreBounds`) and no field's
/// average length has grown past the list's reference. Otherwise a block is unbounded (never
/// skipped), which is slower, never wrong.
struct BlockBounds {
    private let applies: Bool
    private let averages: SIMD8<Float>

    init(scoring: BM25F, averages: [Double]) {
        applies = scoring.weights == ScoreBounds.weights && scoring.b == ScoreBounds.b
        var vector = SIMD8<Float>()
        for field in 0..<IndexField.count {
            // Rounded up: a reference must not be compared with an average that looks smaller.
            let rounded = Float(averages[field])
            vector[field] = Double(rounded) < averages[field] ? rounded.nextUp : rounded
        }
        self.averages = vector
    }

    func hold(for cursor: PostingCursor) -> Bool {
        guard applies, let references = cursor.references else { return false }
        return all(averages .<= references)
    }

    /// The largest weighted frequency of any document in the cursor's current block.
    func block(_ cursor: PostingCursor) -> Double {
        hold(for: cursor) ? Double(cursor.blockBound) : .infinity
    }

    /// The largest weighted frequency of any document in the list.
    func listBound(_ cursor: PostingCursor) -> Double {
        hold(for: cursor) ? Double(cursor.maxBound) : .infinity
    }
}
