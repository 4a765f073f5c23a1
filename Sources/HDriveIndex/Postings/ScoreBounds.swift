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

    /// The reference averages of a segment from its norms (per document, per field: a UInt32 LE length).
    static func references(norms: [UInt8], documents: Int) -> SIMD8<Float> {
        var totals = [Int64](repeating: 0, count: IndexField.count)
        for index in 0..<norms.count / 4 { totals[index % IndexField.count] += Int64(norms.uint32LE(at: index * 4)) }
        return references(totals: totals, documents: documents)
    }

    /// A document's weighted frequency (before BM25F saturates it) under the references.
    static func weighted(frequencies: FieldFrequencies, lengths: FieldFrequencies, references: SIMD8<Float>) -> Double {
        Weighing(references: references).weighted(frequencies, lengths: SIMD8<Double>(lengths))
    }

    /// A bound as stored: the Float at or above `value`.
    static func roundedUp(_ value: Double) -> Float {
        let rounded = Float(value)
        return Double(rounded) < value ? rounded.nextUp : rounded
    }

    /// `weighted` under fixed references, set up once for the many documents of a list or a
    /// segment: a document then costs one vector division.
    struct Weighing {
        private var weights = SIMD8<Double>(), oneMinusB = SIMD8<Double>(), bOverReference = SIMD8<Double>()

        init(references: SIMD8<Float>) {
            // Lanes past the fields stay 0: they weigh nothing.
            for field in 0..<IndexField.count {
                weights[field] = ScoreBounds.weights[field]
                oneMinusB[field] = 1 - ScoreBounds.b[field]
                bOverReference[field] = ScoreBounds.b[field] / Double(references[field])
            }
        }

        @inline(__always)
        func weighted(_ frequencies: FieldFrequencies, lengths: SIMD8<Double>) -> Double {
            // A field of length 0 under b = 1 never divides by 0.
            let norms = pointwiseMax(oneMinusB + bOverReference * lengths, SIMD8(repeating: 1e-6))
            return (SIMD8<Double>(frequencies) * weights / norms).sum()
        }
    }
}
