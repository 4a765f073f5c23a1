import Foundation
import HDriveIndex

/// Values derived from the index that hold while its segments stay the same, kept from one
/// search to the next: a word's expansion (the vocabulary and the document frequencies it reads
/// only change when a segment comes or goes), a word group's cursors in a segment. The same
/// words come back query after query. Shared by a searcher's threads; emptied when the segments
/// change or it holds `capacity` values.
final class SegmentSetCache<Key: Hashable, Value>: @unchecked Sendable {
    private struct Segment: Equatable {
        let id: Int64
        let baseDoc: Int64
        let docCount: Int
    }

    private let lock = NSLock()
    private let capacity: Int
    private var segments: [Segment] = []
    private var values: [Key: Value] = [:]

    init(capacity: Int) { self.capacity = capacity }

    /// The value kept for `key` in this snapshot, or `make()`'s, kept for the next search.
    func value(_ key: Key, in snapshot: IndexSnapshot, make: () throws -> Value) rethrows -> Value {
        let current = snapshot.segments.map { Segment(id: $0.id, baseDoc: $0.baseDoc, docCount: $0.docCount) }
        lock.lock()
        if current != segments {
            segments = current
            values.removeAll(keepingCapacity: true)
        }
        let known = values[key]
        lock.unlock()
        if let known { return known }
        let value = try make()
        lock.lock()
        defer { lock.unlock() }
        // A writer may have added a segment meanwhile: keep only what this generation made.
        if current == segments {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = value
        }
        return value
    }
}
