import HDriveIndex

/// BM25F (Robertson, Zaragoza & Taylor 2004): per-field length normalization, weighted
/// field frequencies summed before saturation, so a word in the name and the body counts
/// more than either, but never more than a word that is rare.
public struct BM25F: Sendable {
    public var k1: Double
    /// Per field (IndexField order): how much a match there counts relative to the body.
    public var weights: [Double]
    /// Per field: how strongly long fields are normalized.
    public var b: [Double]

    /// Name and title above body; paths weigh little since every file under a folder shares them.
    public static let standard = BM25F(k1: 1.2, weights: ScoreBounds.weights, b: ScoreBounds.b)

    public init(k1: Double, weights: [Double], b: [Double]) {
        self.k1 = k1
        self.weights = weights
        self.b = b
    }

    /// Inverse document frequency, never negative (the "+1" of Lucene's BM25).
    public static func idf(documentFrequency: Int, documentCount: Int) -> Double {
        let n = Double(max(documentCount, documentFrequency)), df = Double(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The idf of a word whose lists count `documentFrequency` postings in this snapshot
    /// (deleted documents included, so capped at the live count).
    static func idf(documentFrequency: Int, in snapshot: IndexSnapshot) -> Double {
        idf(documentFrequency: min(documentFrequency, max(snapshot.liveDocuments, 1)), documentCount: snapshot.liveDocuments)
    }

    /// A term's frequencies as the weighted vector BM25F sums over a group's terms, in `field`
    /// alone when one is given.
    @inline(__always)
    static func weighted(_ frequencies: FieldFrequencies, weight: Double, field: IndexField?) -> SIMD8<Double> {
        var fields = SIMD8<Double>()
        for index in 0..<IndexField.count where frequencies[index] > 0 && (field == nil || field!.rawValue == index) {
            fields[index] = weight * Double(frequencies[index])
        }
        return fields
    }

    /// The parameters as vectors over the fields, with a query's average lengths: set up once,
    /// then every document is scored without arrays or closures.
    struct Prepared {
        let k1: Double
        let weights: SIMD8<Double>
        let oneMinusB: SIMD8<Double>
        /// b over the field's average length: a document's normalization then costs no division.
        let bOverAverages: SIMD8<Double>

        /// Per field, the most one occurrence can weigh: in a field as short as it can be.
        var shortest: SIMD8<Double> { weights / oneMinusB }
    }

    func prepared(averages: [Double]) -> Prepared {
        var weights = SIMD8<Double>(), b = SIMD8<Double>(), oneMinusB = SIMD8<Double>(repeating: 1), mean = SIMD8<Double>(repeating: 1)
        for field in 0..<IndexField.count {
            weights[field] = self.weights[field]
            b[field] = self.b[field]
            oneMinusB[field] = max(1 - self.b[field], 1e-6)  // a field of length 0 never divides by 0
            mean[field] = averages[field] > 0 ? averages[field] : 1
        }
        return Prepared(k1: k1, weights: weights, oneMinusB: oneMinusB, bOverAverages: b / mean)
    }
}

extension BM25F.Prepared {
    /// Per field, the weight over the length normalization of a document with these field
    /// lengths: the same for every term of the query, so a document pays the divisions once.
    @inline(__always)
    func weightsOverNorms(lengths: SIMD8<Double>) -> SIMD8<Double> {
        weights / (oneMinusB + bOverAverages * lengths)
    }

    /// The score one term contributes to one document: weighted field frequencies, each
    /// normalized by its field's length, summed, then saturated. Lanes past the fields weigh 0.
    @inline(__always)
    func termScore(idf: Double, frequencies: SIMD8<Double>, weightsOverNorms: SIMD8<Double>) -> Double {
        let weighted = (frequencies * weightsOverNorms).sum()
        return idf * weighted / (k1 + weighted)
    }

    /// The most a term with this idf can add when its weighted frequency is at most `weighted`.
    @inline(__always)
    func scoreBound(idf: Double, weighted: Double) -> Double {
        weighted.isFinite ? idf * weighted / (k1 + weighted) : idf
    }

    @inline(__always)
    func termScore(idf: Double, frequencies: SIMD8<Double>, lengths: SIMD8<Double>) -> Double {
        termScore(idf: idf, frequencies: frequencies, weightsOverNorms: weightsOverNorms(lengths: lengths))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
