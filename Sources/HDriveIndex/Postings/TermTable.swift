#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terms numbered in order of arrival, for indexing's hot paths: open addressing over FNV-1a
/// hashes of a term's UTF-8 bytes, seeded per process so that a file cannot be made of terms
/// that collide. A build hashed every term of every document twice with Swift's Dictionary
/// (SipHash, and its probing and resizing): a tenth of its CPU.
struct TermTable {
    private(set) var terms: [String] = []
    /// Per term, its `hash`: a document's table hands them on to its segment's, which then
    /// hashes no term again.
    private(set) var hashes: [UInt64] = []
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

    /// The term's number, and whether it was new. `hash`: the term's `hash`, when known.
    mutating func number(of term: String, hash known: UInt64? = nil) -> (number: Int, isNew: Bool) {
        number(hash: known ?? Self.hash(term), matches: { Self.sameBytes($0, term) }, make: { term })
    }

    /// The same for a word's UTF-8 bytes (valid UTF-8): its String is made only when it is new.
    mutating func number(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
        number(hash: Self.hash(bytes), matches: { Self.sameBytes($0, bytes) }, make: { String(decoding: bytes, as: UTF8.self) })
    }

    @inline(__always)
    private mutating func number(hash: UInt64, matches: (String) -> Bool, make: () -> String) -> (number: Int, isNew: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash && matches(terms[number]) { return (number, false) }
            slot = (slot + 1) & mask
        }
        let number = terms.count
        terms.append(make())
        hashes.append(hash)
        slots[slot] = Int32(number)
        if terms.count * 2 > slots.count { grow() }
        return (number, true)
    }

    /// Reads the slot and the entry each of `hashes` leads to, one term after another without
    /// waiting for any: the lookups that follow then find them in the cache. In a segment's
    /// table of 100,000s of terms, each lookup missed the cache on the slot, then on the entry.
    /// `also` reads the caller's own entry of a term's number. Returns a value made of what it
    /// read, so that the reads are not optimized away.
    @inline(__always)
    func touch(_ hashes: [UInt64], also: (Int) -> Int) -> Int {
        let mask = slots.count - 1
        var sum = 0
        for hash in hashes {
            let number = Int(slots[Int(truncatingIfNeeded: hash) & mask])
            if number >= 0 { sum &+= Int(truncatingIfNeeded: self.hashes[number]) &+ terms[number].utf8.count &+ also(number) }
        }
        return sum
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

    /// Bytes, not Swift's canonical equivalence: the index stores and looks terms up as bytes
    /// (SQLite's BINARY collation), so "é" and "e" + U+0301 are two terms there.
    @inline(__always)
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && equal(x, y) }
        }
    }

    /// Most terms are a few bytes: a loop compares them sooner than a call to memcmp.
    @inline(__always)
    private static func equal(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        if x.count > 16 { return memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        for index in 0..<x.count where x[index] != y[index] { return false }
        return true
    }

    static func hash(_ term: String) -> UInt64 {
        var term = term
        return term.withUTF8 { hash($0) }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        // Fold the high bits in: the table indexes by the low ones.
        return hash ^ (hash >> 29)
    }

    @inline(__always)
    private static func sameBytes(_ a: String, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var a = a
        return a.withUTF8 { x in x.count == b.count && equal(x, b) }
    }
}
