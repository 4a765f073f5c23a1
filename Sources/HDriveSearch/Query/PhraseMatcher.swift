import HDriveIndex
import HDriveText

/// Finds documents where the terms stand next to each other, in order, in one field: the
/// cursors of all terms meet on a document (skipping blocks), then their positions are compared.
struct PhraseMatcher {
    let snapshot: IndexSnapshot
    let scorer: TermAtATimeScorer
    let deadline: Deadline

    func matches(_ terms: [String], field: IndexField?) throws -> [Int64: Double] {
        let lists = try terms.map { term in
            Dictionary(try snapshot.postings(for: term).map { ($0.segment.id, $0.list) }, uniquingKeysWith: { a, _ in a })
        }
        var found = Set<Int64>()
        for segment in snapshot.segments {
            try deadline.check()
            var cursors: [PostingCursor] = []
            for termLists in lists {
                guard let list = termLists[segment.id] else { break }
                cursors.append(try list.cursor())
            }
            guard cursors.count == terms.count else { continue }
            var target = 0
            outer: while true {
                for index in cursors.indices {
                    guard try cursors[index].advance(to: target) else { break outer }
                    if cursors[index].doc > target { target = cursors[index].doc; continue outer }
                }
                // Every cursor stands on `target`.
                if !segment.isDeleted(target), try standsInOrder(&cursors, field: field) {
                    found.insert(segment.baseDoc + Int64(target))
                }
                target += 1
            }
        }
        guard !found.isEmpty else { return [:] }
        var scores: [Int64: Double] = [:]
        for term in Set(terms) {
            for (doc, score) in try scorer.matches(TermGroup(word: term, members: [(term, 1.0)]), field: field, deadline: deadline)
            where found.contains(doc) {
                scores[doc, default: 0] += score
            }
        }
        return scores
    }

    /// True when, in some field, term i occurs at position p + i for a common p.
    private func standsInOrder(_ cursors: inout [PostingCursor], field: IndexField?) throws -> Bool {
        for candidate in field.map({ [$0] }) ?? IndexField.allCases {
            guard cursors.allSatisfy({ $0.frequencies[candidate.rawValue] > 0 }) else { continue }
            let positions = try cursors.indices.map { Set(try cursors[$0].positions(in: candidate)) }
            for start in positions[0] where (1..<positions.count).allSatisfy({ positions[$0].contains(start + UInt32($0)) }) {
                return true
            }
        }
        return false
    }
}
