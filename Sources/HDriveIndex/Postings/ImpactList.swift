/// A word group's documents in one segment, each with a bound on the group's weighted
/// frequency there (`ScoreBounds`, members' frequencies summed by their weights), under the
/// segment's own average field lengths (`SegmentInfo.references`).
///
/// A common word is near its best in every block, so block bounds let a query of common words
/// skip nothing and it scored every match. A bound per document lets it score only the
/// documents that can reach the page. Built from the postings on first use and kept in the
/// readers' cache (`SegmentCache`): a common word comes back query after query.
public final class ImpactList: @unchecked Sendable {
    /// How many documents the list holds.
    public let count: Int
    /// Local ids, ascending; immutable, and valid while the list lives (a search's inner loop
    /// reads them without an array's checks).
    public let docs: UnsafePointer<Int32>
    /// Per document, the bound, rounded up to a Float.
    public let bounds: UnsafePointer<Float>
    /// The largest of `bounds`.
    public let maxBound: Float
    /// For a list holding at least one document in `denseDivisor` of its segment: which
    /// documents it holds, a bit per document of the segment, and per 64-bit word of them the
    /// slots before it. A search finds a document's slot in a common word's list with a bit
    /// test and a population count instead of a search of `docs`.
    public let membership: Membership?
    public static let denseDivisor = 32

    public struct Membership: @unchecked Sendable {
        public let bits: UnsafePointer<UInt64>
        public let ranks: UnsafePointer<UInt32>

        /// The slot of `doc` in the list, or nil when the list lacks it.
        @inlinable @inline(__always)
        public func slot(of doc: Int32) -> Int? {
            let index = Int(doc)
            let word = bits[index >> 6], bit = UInt64(1) << UInt64(index & 63)
            guard word & bit != 0 else { return nil }
            return Int(ranks[index >> 6]) + (word & (bit &- 1)).nonzeroBitCount
        }
    }
    /// The members' lists in the segment (nil where it lacks the term) with their weights: a
    /// search scores its few best documents exactly from them, without looking each one up.
    public let members: [(list: PostingList?, weight: Double)]

    /// `members`: each member's list in the segment (nil where the segment lacks the term) and its weight.
    init(members: [(list: PostingList?, weight: Double)], segment: SegmentInfo) throws {
        let weighing = ScoreBounds.Weighing(references: segment.references)
        var sums = [Double](repeating: 0, count: segment.docCount)
        var present = DocumentBits(documents: segment.docCount)
        for (list, weight) in members {
            guard let list else { continue }
            var cursor = try list.cursor()
            while try cursor.next() {
                let doc = cursor.doc
                guard doc < segment.docCount else { throw IndexError("a posting list names a document past its segment's end") }
                sums[doc] += weight * weighing.weighted(cursor.frequencies, lengths: segment.fieldLengths(doc))
                present.insert(doc)
            }
        }
        var docs: [Int32] = [], bounds: [Float] = []
        let held = present.count
        docs.reserveCapacity(held)
        bounds.reserveCapacity(held)
        present.forEach { doc in
            docs.append(Int32(doc))
            bounds.append(ScoreBounds.roundedUp(sums[doc]))
        }
        count = held
        self.docs = UnsafePointer(Self.copy(docs))
        self.bounds = UnsafePointer(Self.copy(bounds))
        maxBound = bounds.max() ?? 0
        self.members = members
        if held > 0 && held >= segment.docCount / Self.denseDivisor {
            let words = present.bitWords
            var ranks: [UInt32] = []
            ranks.reserveCapacity(words.count)
            var before: UInt32 = 0
            for word in words {
                ranks.append(before)
                before += UInt32(word.nonzeroBitCount)
            }
            membership = Membership(bits: UnsafePointer(Self.copy(words)), ranks: UnsafePointer(Self.copy(ranks)))
            membershipWords = words.count
        } else {
            membership = nil
            membershipWords = 0
        }
    }

    /// The 64-bit words of `membership`'s bits (and as many ranks).
    private let membershipWords: Int

    deinit {
        docs.deallocate()
        bounds.deallocate()
        membership?.bits.deallocate()
        membership?.ranks.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        pointer.initialize(from: values, count: values.count)
        return pointer
    }

    /// The members' document frequencies summed (as idf counts a group).
    public var memberFrequency: Int { members.reduce(0) { $0 + ($1.list?.docFrequency ?? 0) } }

    /// The bytes the list holds, its members' postings included (the postings cache may drop
    /// them while this list keeps them).
    var bytes: Int { count * 8 + membershipWords * 12 + members.reduce(0) { $0 + ($1.list?.bytes ?? 0) } }
}
