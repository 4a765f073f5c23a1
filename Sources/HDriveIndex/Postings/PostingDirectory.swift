/// The front of a posting list: its optional score-bound header and its block directory,
/// with each block's sections located (docs/index-format.md).
struct PostingDirectory {
    struct Block {
        var lastDoc: Int
        var docsStart: Int
        var docsEnd: Int
        var positionsEnd: Int
        /// Per field; a vector rather than an array, so a block costs no allocation.
        var maxima: FieldFrequencies
        /// The largest weighted frequency of the block's documents under `references`;
        /// infinity when the list carries no bounds.
        var bound: Float
    }

    var blocks: [Block] = []
    /// The reference average lengths the bounds hold under; nil when the list has none.
    var references: SIMD8<Float>?

    init(_ bytes: UnsafeRawBufferPointer) throws {
        var position = 0
        let hasBounds = bytes.count >= 2 && bytes[0] == PostingListBuilder.boundsMarker[0]
        if hasBounds {
            guard bytes[1] == PostingListBuilder.boundsMarker[1], bytes.count >= 2 + 4 * IndexField.count else { throw PostingList.corrupt }
            var references = SIMD8<Float>()
            for field in 0..<IndexField.count {
                references[field] = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: 2 + 4 * field, as: UInt32.self).littleEndian)
            }
            self.references = references
            position = 2 + 4 * IndexField.count
        }
        guard VarInt.read(bytes, &position) != nil, let count = VarInt.read(bytes, &position), count < 1 << 31 else { throw PostingList.corrupt }
        var entries: [(last: Int, docBytes: Int, positionBytes: Int, maxima: FieldFrequencies, bound: Float)] = []
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let last = VarInt.read(bytes, &position), let docBytes = VarInt.read(bytes, &position),
                  let positionBytes = VarInt.read(bytes, &position), position < bytes.count,
                  docBytes < 1 << 31, positionBytes < 1 << 31 else { throw PostingList.corrupt }
            let maxima = try Self.readFrequencies(bytes, &position)
            var bound = Float.infinity
            if hasBounds {
                guard position + 4 <= bytes.count else { throw PostingList.corrupt }
                bound = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian)
                position += 4
            }
            entries.append((Int(last), Int(docBytes), Int(positionBytes), maxima, bound))
        }
        var start = position
        blocks.reserveCapacity(entries.count)
        for entry in entries {
            blocks.append(Block(lastDoc: entry.last, docsStart: start, docsEnd: start + entry.docBytes,
                                positionsEnd: start + entry.docBytes + entry.positionBytes, maxima: entry.maxima, bound: entry.bound))
            start += entry.docBytes + entry.positionBytes
        }
        guard start == bytes.count else { throw PostingList.corrupt }
    }

    /// A field mask followed by one varint per field it names: how a block's maxima and each
    /// document's frequencies are written.
    static func readFrequencies(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) throws -> FieldFrequencies {
        guard position < bytes.count else { throw PostingList.corrupt }
        let mask = bytes[position]
        position += 1
        var frequencies = FieldFrequencies()
        for field in 0..<IndexField.count where mask & (1 << field) != 0 {
            guard let value = VarInt.read(bytes, &position) else { throw PostingList.corrupt }
            frequencies[field] = UInt32(truncatingIfNeeded: value)
        }
        return frequencies
    }
}
