/// Walks a posting list document by document, skipping whole blocks when asked to advance,
/// and decoding positions only for the documents that need them (phrases).
public struct PostingCursor {
    typealias Block = PostingDirectory.Block

    private let data: [UInt8]
    let blocks: [Block]
    private var blockIndex = -1
    /// Where `shallowBlock` last looked.
    private var shallowIndex = 0
    private var offset = 0
    private var positionOffset = 0
    /// Position varints of earlier documents in the block not yet skipped.
    private var pendingPositions = 0
    private var previousDoc = -1
    /// The current document's local id; -1 before the first, Int.max after the last.
    public private(set) var doc = -1
    /// The current document's frequency per field (indexed by `IndexField.rawValue`).
    public private(set) var frequencies = FieldFrequencies()

    init(_ data: [UInt8]) throws {
        self.data = data
        let directory = try data.withUnsafeBytes { try PostingDirectory($0) }
        blocks = directory.blocks
        references = directory.references
    }

    /// The average field lengths the list's block bounds hold under; nil when it has none.
    public let references: SIMD8<Float>?

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

    /// The largest block bound of the list.
    public var maxBound: Float { blocks.reduce(0) { max($0, $1.bound) } }

    /// Moves to the next document; false at the end.
    public mutating func next() throws -> Bool {
        if blockIndex < 0 || offset >= blocks[blockIndex].docsEnd {
            guard enterBlock(blockIndex + 1) else { return false }
        }
        try data.withUnsafeBytes { bytes in
            guard let gap = VarInt.read(bytes, &offset), offset < blocks[blockIndex].docsEnd else { throw PostingList.corrupt }
            doc = previousDoc + Int(gap)
            let mask = bytes[offset]
            offset += 1
            for field in 0..<IndexField.count {
                if mask & (1 << field) != 0 {
                    guard let tf = VarInt.read(bytes, &offset) else { throw PostingList.corrupt }
                    frequencies[field] = UInt32(truncatingIfNeeded: tf)
                    pendingPositions += Int(tf)
                } else {
                    frequencies[field] = 0
                }
            }
        }
        previousDoc = doc
        return true
    }

    /// Moves to the first document at or after `target`; false when there is none.
    public mutating func advance(to target: Int) throws -> Bool {
        if doc >= target { return doc != Int.max }
        var index = max(blockIndex, 0)
        while index < blocks.count && blocks[index].lastDoc < target { index += 1 }
        if index != blockIndex && !enterBlock(index) { return false }
        while try next() {
            if doc >= target { return true }
        }
        return false
    }

    /// Positions of the term in `field` of the current document.
    public mutating func positions(in field: IndexField) throws -> [UInt32] {
        let own = Int(frequencies.wrappedSum())
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

    private mutating func enterBlock(_ index: Int) -> Bool {
        guard index < blocks.count else {
            blockIndex = blocks.count
            doc = Int.max
            return false
        }
        previousDoc = index == 0 ? -1 : blocks[index - 1].lastDoc
        blockIndex = index
        offset = blocks[index].docsStart
        positionOffset = blocks[index].docsEnd
        pendingPositions = 0
        return true
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
