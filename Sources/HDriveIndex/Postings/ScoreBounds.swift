/// What the score bounds inside posting lists are computed with: BM25F's field weights and
/// length normalization (HDriveSearch's standard ranking uses these very values) and, per
/// field, a reference average length: the segment's own. Under another average a bound still
/// holds once multiplied by the largest ratio of average to reference (at least 1), since a
/// field's normalized frequency grows at most in proportion to its average length.
public enum ScoreBounds {
    /// Per field (IndexField order): name and title above body; paths weigh little.
    public static let weights: [Double] = [3.0, 0.5, 2.5, 1.0, 1.5]
    public static let b: [Double] = [0.5, 0.5, 0.5, 0.75, 0.5]
    /// The reference averages for a segment whose field lengths add up to `totals`.
    static func references(totals: [Int64], documents: Int) -> SIMD8<Float> {
        var references = SIMD8<Float>()
        for field in 0..<IndexField.count {
            let average = documents == 0 ? 0 : Double(totals[field]) / Double(documents)
            references[field] = Float(max(average, 1))
        }
        return references
    }

    /// A document's weighted frequency (before BM25F saturates it) under the references.
    static func weighted(frequencies: FieldFrequencies, lengths: FieldFrequencies, references: SIMD8<Float>) -> Double {
        var total = 0.0
        for field in 0..<IndexField.count where frequencies[field] > 0 {
            let norm = 1 - b[field] + b[field] * Double(lengths[field]) / Double(references[field])
            total += weights[field] * Double(frequencies[field]) / max(norm, 1e-6)
        }
        return total
    }
}
