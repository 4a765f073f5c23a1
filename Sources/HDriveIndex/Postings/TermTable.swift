/// Terms numbered in order of arrival, for indexing's hot paths: open addressing over FNV-1a
/// hashes of a term's UTF-8 bytes, seeded per process so that a file cannot be made of terms
/// that collide. A build hashed every term of every document twice with Swift's Dictionary
/// (SipHash, and its probing and resizing): a tenth of its CPU.
struct TermTable {
    private(set) var terms: [String] = []
    private var hashes: [UInt64] = []
    /// Indexes into `terms`; -1 is an empty slot. At most half full.
    private var slots: [Int32]

    private static let seed = UInt64.random(in: .min ... .max)

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        terms.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { terms.count }

    /// The term's number, and whether it was new.
    mutating func number(of term: String) -> (number: Int, isNew: Bool) {
        let hash = Self.hash(term)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            // Bytes, not Swift's canonical equivalence: the index stores and looks terms up as
            // bytes (SQLite's BINARY collation), so "é" and "e" + U+0301 are two terms there.
            if hashes[number] == hash && terms[number].utf8.elementsEqual(term.utf8) { return (number, false) }
            slot = (slot + 1) & mask
        }
        let number = terms.count
        terms.append(term)
        hashes.append(hash)
        slots[slot] = Int32(number)
        if terms.count * 2 > slots.count { grow() }
        return (number, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }

    static func hash(_ term: String) -> UInt64 {
        var term = term
        return term.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            // Fold the high bits in: the table indexes by the low ones.
            return hash ^ (hash >> 29)
        }
    }
}
