import HDriveIndex
import HDriveText

/// Finds documents where the terms stand next to each other, in order, in one field: the
/// cursors of the terms meet on a document (the rarest term leading, skipping blocks), then
/// their positions are compared. A match is scored there and then, from the frequencies its
/// cursors stand on, as `TermAtATimeScorer` scores each term alone; scoring every document of
/// each term and keeping the matches cost a quarter of a second for "of the".
struct PhraseMatcher {
    let snapshot: IndexSnapshot
    let scorer: TermAtATimeScorer
    let deadline: Deadline

    func matches(_ terms: [String], field: IndexField?) throws -> [Int64: Double] {
        var distinct: [String] = []
        for term in terms where !distinct.contains(term) { distinct.append(term) }
        // Which distinct term stands at each place of the phrase.
        let slots = terms.map { distinct.firstIndex(of: $0)! }
        let postings = try distinct.map { try snapshot.postings(for: $0) }
        let lists = postings.map { Dictionary($0.map { ($0.segment.id, $0.list) }, uniquingKeysWith: { a, _ in a }) }
        let idf = postings.map { lists in BM25F.idf(documentFrequency: lists.reduce(0) { $0 + $1.list.docFrequency }, in: snapshot) }
        let prepared = scorer.scoring.prepared(averages: IndexField.allCases.map { snapshot.averageLength($0) })
        var scores: [Int64: Double] = [:]
        for segment in snapshot.segments {
            try deadline.check()
            let segmentLists = lists.compactMap { $0[segment.id] }
            guard segmentLists.count == distinct.count else { continue }
            var cursors = try segmentLists.map { try $0.cursor() }
            let rarestFirst = cursors.indices.sorted { (segmentLists[$0].docFrequency, $0) < (segmentLists[$1].docFrequency, $1) }
            var target = 0
            outer: while true {
                for index in rarestFirst {
                    guard try cursors[index].advance(to: target) else { break outer }
                    if cursors[index].doc > target { target = cursors[index].doc; continue outer }
                }
                // Every cursor stands on `target`.
                if !segment.isDeleted(target), try Self.standsInOrder(&cursors, slots: slots, field: field) {
                    // Each word as `TermAtATimeScorer.matches` scores a group of that word alone.
                    var score = 0.0
                    for index in cursors.indices {
                        score += prepared.termScore(idf: idf[index], frequencies: BM25F.weighted(cursors[index].frequencies, weight: 1, field: field),
                                                    lengths: segment.fieldLengths(target))
                    }
                    scores[segment.baseDoc + Int64(target)] = score
                }
                target += 1
            }
        }
        return scores
    }

    /// True when, in some field, the term of place i occurs at position p + i for a common p.
    private static func standsInOrder(_ cursors: inout [PostingCursor], slots: [Int], field: IndexField?) throws -> Bool {
        for candidate in field.map({ [$0] }) ?? IndexField.allCases {
            guard cursors.allSatisfy({ $0.frequencies[candidate.rawValue] > 0 }) else { continue }
            // Ascending, as the cursor decodes them.
            let positions = try cursors.indices.map { try cursors[$0].positions(in: candidate) }
            for start in positions[slots[0]]
            where slots.indices.dropFirst().allSatisfy({ Self.contains(positions[slots[$0]], start + UInt32($0)) }) {
                return true
            }
        }
        return false
    }

    private static func contains(_ sorted: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }
}
