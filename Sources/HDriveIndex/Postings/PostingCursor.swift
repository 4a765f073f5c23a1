/// Walks a posting list document by document, skipping whole blocks when asked to advance,
/// and decoding positions only for the documents that need them (phrases).
public struct PostingCursor {
    struct Block {
        var lastDoc: Int
        var docsStart: Int
        var docsEnd: Int
        var positionsEnd: Int
        /// Per field; a vector rather than an array, so a block costs no allocation.
        var maxima: FieldFrequencies
    }

    private let data: [UInt8]
    let blocks: [Block]
    private var blockIndex = -1
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
        var blocks: [Block] = []
        var position = 0
        try data.withUnsafeBytes { bytes in
            guard VarInt.read(bytes, &position) != nil, let count = VarInt.read(bytes, &position) else { throw PostingList.corrupt }
            var entries: [(Int, Int, Int, FieldFrequencies)] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let last = VarInt.read(bytes, &position), let docBytes = VarInt.read(bytes, &position),
                      let positionBytes = VarInt.read(bytes, &position), position < bytes.count else { throw PostingList.corrupt }
                let mask = bytes[position]
                position += 1
                var maxima = FieldFrequencies()
                for field in 0..<IndexField.count where mask & (1 << field) != 0 {
                    guard let value = VarInt.read(bytes, &position) else { throw PostingList.corrupt }
                    maxima[field] = UInt32(truncatingIfNeeded: value)
                }
                entries.append((Int(last), Int(docBytes), Int(positionBytes), maxima))
            }
            var start = position
            blocks.reserveCapacity(entries.count)
            for (last, docBytes, positionBytes, maxima) in entries {
                blocks.append(Block(lastDoc: last, docsStart: start, docsEnd: start + docBytes,
                                    positionsEnd: start + docBytes + positionBytes, maxima: maxima))
                start += docBytes + positionBytes
            }
            guard start == bytes.count else { throw PostingList.corrupt }
        }
        self.blocks = blocks
    }

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
