import HDriveIndex

/// "Did you mean": the indexed word nearest to one that is not in the index, by edit distance
/// (adjacent transpositions count as one edit), preferring the word more files contain.
struct Suggester {
    var maxDistance = 2
    var maxCandidates = 5000

    func suggestion(for word: String, in snapshot: IndexSnapshot) throws -> String? {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 3 else { return nil }
        let prefix = String(String.UnicodeScalarView(scalars.prefix(1)))
        var best: (term: String, distance: Int, frequency: Int)?
        for candidate in try snapshot.terms(withPrefix: prefix, limit: maxCandidates) {
            let other = Array(candidate.unicodeScalars)
            guard abs(other.count - scalars.count) <= maxDistance, candidate != word else { continue }
            let distance = Self.distance(scalars, other, limit: maxDistance)
            guard distance <= maxDistance else { continue }
            if let current = best, distance > current.distance { continue }
            let frequency = try snapshot.postings(for: candidate).reduce(0) { $0 + $1.list.docFrequency }
            guard frequency > 0 else { continue }
            if let current = best, distance == current.distance, frequency <= current.frequency { continue }
            best = (candidate, distance, frequency)
        }
        return best?.term
    }

    /// Optimal string alignment distance, giving up past `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
