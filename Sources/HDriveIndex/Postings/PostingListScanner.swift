/// Reads a posting list front to back for a merge: each document's id and frequencies, and its
/// positions still encoded. Positions do not depend on document ids, so a merge copies their
/// bytes into the new list instead of decoding and encoding every one of them.
struct PostingListScanner {
    private let data: [UInt8]
    /// Per block: where its documents section ends, and where its positions section ends.
    private var blockEnds: [(docs: Int, positions: Int)] = []
    private var block = -1
    private var offset = 0
    private var positionOffset = 0
    private var previousDoc = -1

    init(_ data: [UInt8]) throws {
        self.data = data
        let directory = try data.withUnsafeBytes { try PostingDirectory($0) }
        blockEnds = directory.blocks.map { ($0.docsEnd, $0.positionsEnd) }
        offset = directory.blocks.first?.docsStart ?? data.count
    }

    /// The next document, or nil at the end; `positions` are the bytes of its positions.
    mutating func next() throws -> (doc: Int, frequencies: FieldFrequencies, positions: ArraySlice<UInt8>)? {
        if block < 0 || offset >= blockEnds[block].docs {
            block += 1
            guard block < blockEnds.count else { return nil }
            // A block's documents follow the previous block's positions; its positions, its documents.
            offset = block == 0 ? offset : blockEnds[block - 1].positions
            positionOffset = blockEnds[block].docs
        }
        let end = blockEnds[block]
        return try data.withUnsafeBytes { bytes in
            guard let gap = VarInt.read(bytes, &offset), offset < end.docs else { throw PostingList.corrupt }
            previousDoc += Int(gap)
            let frequencies = try PostingDirectory.readFrequencies(bytes, &offset)
            // Each position is one varint: skip as many as the frequencies add up to.
            let start = positionOffset
            var remaining = Int(frequencies.wrappedSum())
            while remaining > 0 {
                guard positionOffset < end.positions else { throw PostingList.corrupt }
                if bytes[positionOffset] < 0x80 { remaining -= 1 }
                positionOffset += 1
            }
            return (previousDoc, frequencies, data[start..<positionOffset])
        }
    }
}
