import Foundation
import HDriveIndex

/// Query words' expansions (`TermGroup`), kept while the index's segments stay the same: the
/// vocabulary and the document frequencies expansion reads only change when a segment comes or
/// goes, and the same words come back query after query. Shared by a searcher's threads.
final class ExpansionCache: @unchecked Sendable {
    private struct Segment: Equatable {
        let id: Int64
        let baseDoc: Int64
        let docCount: Int
    }

    private let lock = NSLock()
    private let capacity: Int
    private var segments: [Segment] = []
    private var groups: [String: TermGroup] = [:]

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// The cached expansion of `word` in this snapshot, or `expand()`'s, kept for the next.
    func group(_ word: String, in snapshot: IndexSnapshot, expand: () throws -> TermGroup) rethrows -> TermGroup {
        let current = snapshot.segments.map { Segment(id: $0.id, baseDoc: $0.baseDoc, docCount: $0.docCount) }
        lock.lock()
        if current != segments {
            segments = current
            groups.removeAll(keepingCapacity: true)
        }
        let known = groups[word]
        lock.unlock()
        if let known { return known }
        let group = try expand()
        lock.lock()
        defer { lock.unlock() }
        // A writer may have added a segment meanwhile: keep only what this generation expanded.
        if current == segments {
            if groups.count >= capacity { groups.removeAll(keepingCapacity: true) }
            groups[word] = group
        }
        return group
    }
}
