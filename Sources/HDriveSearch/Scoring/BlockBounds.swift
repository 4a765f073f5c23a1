import HDriveIndex

/// The score bounds a posting list carries, for this search: they apply when the ranking weighs
/// fields as the index computed them (`ScoreBounds`), scaled by how far the index's average
/// field lengths have grown past the list's references. A list without bounds gets an infinite
/// scale here; `GroupCursor` then bounds it from its decoded documents instead.
struct BlockBounds {
    private let applies: Bool
    private let averages: [Double]

    /// Whether the index's bounds (block bounds, impact lists) hold for a ranking: it weighs
    /// and normalizes fields as they were computed.
    static func apply(to scoring: BM25F) -> Bool {
        scoring.weights == ScoreBounds.weights && scoring.b == ScoreBounds.b
    }

    init(scoring: BM25F, averages: [Double]) {
        applies = Self.apply(to: scoring)
        self.averages = averages
    }

    /// What the cursor's bounds are multiplied by: the largest ratio of the current average
    /// length to the list's reference, at least 1; infinity when the bounds do not apply.
    func scale(_ cursor: PostingCursor) -> Double { scale(references: cursor.references) }

    /// As `scale(_:)`, for bounds made under `references` (an impact list's).
    func scale(references: SIMD8<Float>?) -> Double {
        guard applies, let references else { return .infinity }
        var scale = 1.0
        for field in 0..<IndexField.count where references[field] > 0 {
            scale = max(scale, averages[field] / Double(references[field]))
        }
        return scale
    }

    /// A block's bound under the cursor's `scale`.
    @inline(__always)
    func scaled(_ bound: Float, _ scale: Double) -> Double {
        scale.isFinite ? Double(bound) * scale : .infinity
    }

    /// The largest weighted frequency of any document in the list.
    func listBound(_ cursor: PostingCursor) -> Double {
        let factor = scale(cursor)
        return factor.isFinite ? Double(cursor.maxBound) * factor : .infinity
    }
}
