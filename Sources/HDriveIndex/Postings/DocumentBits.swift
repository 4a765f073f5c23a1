/// A set of a segment's local ids, a bit each: which documents a pass that sums several posting
/// lists into per-document slots has touched, read back in ascending order.
public struct DocumentBits {
    private var words: [UInt64]

    public init(documents: Int) {
        words = [UInt64](repeating: 0, count: (documents + 63) / 64)
    }

    @inline(__always)
    public mutating func insert(_ doc: Int) {
        words[doc >> 6] |= 1 << UInt64(doc & 63)
    }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The set's 64-bit words, document `d` being bit `d & 63` of word `d >> 6`.
    public var bitWords: [UInt64] { words }

    /// Each id in the set, ascending.
    public func forEach(_ body: (Int) -> Void) {
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                body(index * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}
