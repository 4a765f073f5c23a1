#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a posting list document by document, skipping whole blocks when asked to advance,
/// and decoding positions only for the documents that need them (phrases). A block's document
/// ids and frequencies are decoded together: all of them (and checked against the directory)
/// when the cursor walks into the block, as far as it goes when it jumps into it (a search
/// that seeks a few documents decodes about half of each block it enters).
public struct PostingCursor {
    typealias Block = PostingDirectory.Block

    private let data: [UInt8]
    let blocks: [Block]
    private var blockIndex = -1
    /// Where `shallowBlock` last looked.
    private var shallowIndex = 0
    /// The entered block's document ids and frequencies.
    private var decoded: DecodedBlock?
    private var slot = 0
    /// Documents of the entered block decoded so far, and where the next one's bytes start.
    private var filled = 0
    private var decodeOffset = 0
    /// Where the entered block's ids and frequencies end.
    private var docsEnd = 0
    private var positionOffset = 0
    /// Position varints of the block's documents before `countedSlot`, not yet skipped;
    /// summed only when positions are asked for.
    private var pendingPositions = 0
    private var countedSlot = 0
    /// The current document's local id; -1 before the first, Int.max after the last.
    public private(set) var doc = -1

    init(_ data: [UInt8]) throws {
        self.init(data, directory: try data.withUnsafeBytes { try PostingDirectory($0) })
    }

    init(_ data: [UInt8], directory: PostingDirectory) {
        self.data = data
        blocks = directory.blocks
        references = directory.references
    }

    /// The average field lengths the list's block bounds hold under; nil when it has none.
    public let references: SIMD8<Float>?

    /// How many blocks the list has.
    public var blockCount: Int { blocks.count }

    /// The last document of the block holding the current document (which must be a real one).
    public var blockLastDoc: Int { blocks[blockIndex].lastDoc }

    /// The largest weighted frequency (`ScoreBounds`) of any document in the current block,
    /// under `references`; infinity when the list has no bounds.
    public var blockBound: Float { blocks[blockIndex].bound }

    /// The last document and the bound of the block that holds the first document at or after
    /// `target`, found in the directory without decoding anything; nil past the last block.
    /// Targets must not decrease.
    public mutating func shallowBlock(at target: Int) -> (lastDoc: Int, bound: Float)? {
        var index = max(blockIndex, shallowIndex)
        while index < blocks.count && blocks[index].lastDoc < target { index += 1 }
        shallowIndex = index
        return index < blocks.count ? (blocks[index].lastDoc, blocks[index].bound) : nil
    }

    /// The largest frequency per field in the block holding the current document (which must be a real one).
    public var blockMaxima: FieldFrequencies { blocks[blockIndex].maxima }

    /// The largest block bound of the list.
    public var maxBound: Float { blocks.reduce(0) { max($0, $1.bound) } }

    /// The current document's frequency per field (indexed by `IndexField.rawValue`).
    @inline(__always)
    public var frequencies: FieldFrequencies {
        guard doc >= 0 && doc != Int.max, let decoded else { return FieldFrequencies() }
        return decoded.frequencies[slot]
    }

    /// Back before the first document, as made.
    public mutating func rewind() {
        blockIndex = -1
        shallowIndex = 0
        slot = 0
        filled = 0
        positionOffset = 0
        pendingPositions = 0
        countedSlot = 0
        doc = -1
    }

    /// Moves to the next document; false at the end.
    public mutating func next() throws -> Bool {
        if try blockIndex >= 0 && doc != Int.max && (slot + 1 < filled || decode(below: doc + 1)) {
            slot += 1
        } else {
            guard try enterBlock(blockIndex + 1, whole: true) else { return false }
        }
        doc = decoded.unsafelyUnwrapped.docs[slot]
        return true
    }

    /// Moves to the first document at or after `target`; false when there is none.
    public mutating func advance(to target: Int) throws -> Bool {
        if doc >= target { return doc != Int.max }
        if blockIndex < 0 || blocks[blockIndex].lastDoc < target {
            var index = max(blockIndex, 0)
            while index < blocks.count && blocks[index].lastDoc < target { index += 1 }
            guard try enterBlock(index, whole: false) else { return false }
        }
        // The block's last document is at or after the target, so the scan ends inside it.
        let docs = decoded.unsafelyUnwrapped.docs
        if docs[filled - 1] < target {
            guard try decode(below: target), docs[filled - 1] >= target else { throw PostingList.corrupt }
        }
        while docs[slot] < target { slot += 1 }
        doc = docs[slot]
        return true
    }

    /// Positions of the term in `field` of the current document.
    public mutating func positions(in field: IndexField) throws -> [UInt32] {
        let frequencies = self.frequencies
        let own = Int(frequencies.wrappedSum())
        if let decoded {
            // Count the positions of the documents walked past since the last call.
            while countedSlot <= slot {
                pendingPositions += Int(decoded.frequencies[countedSlot].wrappedSum())
                countedSlot += 1
            }
        }
        var skip = pendingPositions - own
        var result: [UInt32] = []
        try data.withUnsafeBytes { bytes in
            while skip > 0 {
                guard VarInt.read(bytes, &positionOffset) != nil else { throw PostingList.corrupt }
                skip -= 1
            }
            pendingPositions = own
            var cursor = positionOffset
            for index in 0..<IndexField.count where frequencies[index] > 0 {
                var previous: UInt32 = 0
                for _ in 0..<frequencies[index] {
                    guard let delta = VarInt.read(bytes, &cursor) else { throw PostingList.corrupt }
                    previous += UInt32(truncatingIfNeeded: delta)
                    if index == field.rawValue { result.append(previous) }
                }
                if index == field.rawValue { break }
            }
        }
        return result
    }

    /// Enters block `index` and stands on its first document; false past the last block.
    /// `whole`: decodes the whole block now, which checks it.
    private mutating func enterBlock(_ index: Int, whole: Bool) throws -> Bool {
        guard index < blocks.count else {
            blockIndex = blocks.count
            doc = Int.max
            filled = 0
            return false
        }
        // A copy of this cursor may still read the buffer: decode into a buffer of our own.
        if decoded == nil || !isKnownUniquelyReferenced(&decoded!) { decoded = DecodedBlock() }
        blockIndex = index
        filled = 0
        decodeOffset = blocks[index].docsStart
        docsEnd = blocks[index].docsEnd
        guard try decode(below: whole ? Int.max : Int.min) else { throw PostingList.corrupt }
        slot = 0
        doc = decoded.unsafelyUnwrapped.docs[0]
        positionOffset = blocks[index].docsEnd
        pendingPositions = 0
        countedSlot = 0
        return true
    }

    /// Decodes the entered block's next documents up to the first at or after `target` (at least
    /// one); false when the block had no more. Ids must grow, and the directory's last id must
    /// be the block's.
    private mutating func decode(below target: Int) throws -> Bool {
        guard decodeOffset < docsEnd else { return false }
        let buffer = decoded.unsafelyUnwrapped
        var previous = filled > 0 ? buffer.docs[filled - 1] : (blockIndex == 0 ? -1 : blocks[blockIndex - 1].lastDoc)
        var offset = decodeOffset, count = filled
        let end = docsEnd
        try data.withUnsafeBytes { bytes in
            repeat {
                guard count < DecodedBlock.capacity, let gap = VarInt.read(bytes, &offset), offset < end, gap > 0 else {
                    throw PostingList.corrupt
                }
                previous += Int(gap)
                buffer.docs[count] = previous
                buffer.frequencies[count] = try PostingDirectory.readFrequencies(bytes, &offset)
                guard offset <= end else { throw PostingList.corrupt }
                count += 1
            } while previous < target && offset < end
        }
        filled = count
        decodeOffset = offset
        if offset == end && previous != blocks[blockIndex].lastDoc { throw PostingList.corrupt }
        return true
    }

}

/// Room for one block's decoded document ids and frequencies.
final class DecodedBlock {
    static let capacity = PostingListBuilder.blockSize
    let docs = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    let frequencies = UnsafeMutablePointer<FieldFrequencies>.allocate(capacity: capacity)

    deinit {
        docs.deallocate()
        frequencies.deallocate()
    }
}

extension PostingCursor {
    /// The largest frequency per field over the whole list.
    public var maxima: FieldFrequencies {
        blocks.reduce(FieldFrequencies()) { pointwiseMax($0, $1.maxima) }
    }
}

/// A count per field, indexed by `IndexField.rawValue` (the lanes past the fields stay 0).
public typealias FieldFrequencies = SIMD8<UInt32>
