import Foundation

/// Values derived from one segment (its posting lists, and the impact lists built from them),
/// by segment and a string key, within a byte budget. Segments never change their postings, so
/// an entry is valid for as long as its segment exists. Shared by the readers of one pool, so
/// it takes its own lock.
final class SegmentCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private struct Key: Hashable {
        var segment: SegmentKey
        var term: String
    }

    private struct Entry {
        var value: Value
        var lastUse: UInt64
        var bytes: Int
    }

    let budget: Int
    private let size: (Value) -> Int
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private(set) var bytes = 0
    /// The segments of the last `retain`.
    private var retained: Set<SegmentKey> = []

    /// `size`: the bytes a value holds.
    init(budget: Int, size: @escaping (Value) -> Int) {
        self.budget = budget
        self.size = size
    }

    func lookup(segment: SegmentKey, term: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        // One hash of the key: a word group's key spells out all its forms.
        guard let index = entries.index(forKey: Key(segment: segment, term: term)) else { return nil }
        clock &+= 1
        entries.values[index].lastUse = clock
        return entries.values[index].value
    }

    func store(segment: SegmentKey, term: String, _ value: Value) {
        let size = size(value) + term.utf8.count + 64
        guard size <= budget / 4 else { return }  // one huge value must not flush everything
        lock.lock()
        defer { lock.unlock() }
        clock &+= 1
        let key = Key(segment: segment, term: term)
        if let old = entries[key] { bytes -= old.bytes }
        entries[key] = Entry(value: value, lastUse: clock, bytes: size)
        bytes += size
        if bytes > budget { evict() }
    }

    /// Drops entries of segments that no longer exist; a reader with an older snapshot that
    /// still needs one of them reads it again. Every search asks, so the entries are only
    /// walked when the set of segments changed.
    func retain(only live: Set<SegmentKey>) {
        lock.lock()
        defer { lock.unlock() }
        guard live != retained else { return }
        retained = live
        for (key, entry) in entries where !live.contains(key.segment) {
            entries[key] = nil
            bytes -= entry.bytes
        }
    }

    /// Evicts the least recently used half, in one pass, so eviction stays rare.
    private func evict() {
        let ordered = entries.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, entry) in ordered where bytes > budget / 2 {
            entries[key] = nil
            bytes -= entry.bytes
        }
    }
}

/// Recently read posting lists; absent terms are remembered too (`.some(nil)`), since query
/// expansion asks every segment for many of them.
typealias PostingsCache = SegmentCache<PostingList?>

extension SegmentCache where Value == PostingList? {
    convenience init(budget: Int) {
        self.init(budget: budget) { $0?.bytes ?? 0 }
    }
}

/// Impact lists of word groups, by the group's members and weights.
typealias ImpactCache = SegmentCache<ImpactList>

extension SegmentCache where Value == ImpactList {
    convenience init(budget: Int) {
        self.init(budget: budget) { $0.bytes }
    }
}
