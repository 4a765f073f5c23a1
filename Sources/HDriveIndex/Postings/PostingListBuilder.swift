/// Builds one term's posting list (format 2) while documents are added in local-id order.
///
/// Documents are grouped in blocks of `blockSize`. The directory in front lists, per block, its
/// last document, the byte lengths of its two sections and the largest frequency per field, so a
/// reader can skip whole blocks and bound their scores without decoding them.
struct PostingListBuilder {
    static let blockSize = 128

    private(set) var docFrequency = 0
    private var directory: [UInt8] = []
    private var blocks: [UInt8] = []
    private var blockDocs: [UInt8] = []
    private var blockPositions: [UInt8] = []
    private var blockCount = 0
    private var docsInBlock = 0
    private var previousBlockLast = -1
    private var lastDoc = -1
    private var blockMaxima = FieldFrequencies()

    /// `positions[field]` holds the term's word positions in that field, ascending; its count
    /// is the field frequency.
    mutating func add(localDoc: Int, positions: [[UInt32]]) {
        var frequencies = FieldFrequencies()
        for field in 0..<IndexField.count { frequencies[field] = UInt32(positions[field].count) }
        add(localDoc: localDoc, frequencies: frequencies, positions: positions.joined())
    }

    /// `positions`: the term's word positions field after field, each field's ascending, as
    /// many per field as `frequencies` says.
    mutating func add(localDoc: Int, frequencies: FieldFrequencies, positions: some Sequence<UInt32>) {
        addDocument(localDoc, frequencies)
        var remaining = positions.makeIterator()
        for field in 0..<IndexField.count where frequencies[field] > 0 {
            var previous: UInt32 = 0
            for _ in 0..<frequencies[field] {
                let position = remaining.next()!
                VarInt.append(UInt64(position - previous), to: &blockPositions)
                previous = position
            }
        }
        finishDocument()
    }

    /// `encodedPositions`: the document's positions as another list of this format holds them
    /// (a merge copies them as they are).
    mutating func add(localDoc: Int, frequencies: FieldFrequencies, encodedPositions: ArraySlice<UInt8>) {
        addDocument(localDoc, frequencies)
        blockPositions.append(contentsOf: encodedPositions)
        finishDocument()
    }

    private mutating func addDocument(_ localDoc: Int, _ frequencies: FieldFrequencies) {
        precondition(localDoc > lastDoc, "documents must be added in increasing order")
        let base = docsInBlock == 0 ? previousBlockLast : lastDoc
        VarInt.append(UInt64(localDoc - base), to: &blockDocs)
        var mask: UInt8 = 0
        for field in 0..<IndexField.count where frequencies[field] > 0 { mask |= 1 << field }
        blockDocs.append(mask)
        for field in 0..<IndexField.count where frequencies[field] > 0 {
            VarInt.append(UInt64(frequencies[field]), to: &blockDocs)
        }
        blockMaxima = pointwiseMax(blockMaxima, frequencies)
        lastDoc = localDoc
    }

    private mutating func finishDocument() {
        docFrequency += 1
        docsInBlock += 1
        if docsInBlock == Self.blockSize { closeBlock() }
    }

    private mutating func closeBlock() {
        guard docsInBlock > 0 else { return }
        VarInt.append(UInt64(lastDoc), to: &directory)
        VarInt.append(UInt64(blockDocs.count), to: &directory)
        VarInt.append(UInt64(blockPositions.count), to: &directory)
        var mask: UInt8 = 0
        for field in 0..<IndexField.count where blockMaxima[field] > 0 { mask |= 1 << field }
        directory.append(mask)
        for field in 0..<IndexField.count where blockMaxima[field] > 0 { VarInt.append(UInt64(blockMaxima[field]), to: &directory) }
        blocks += blockDocs
        blocks += blockPositions
        blockDocs.removeAll(keepingCapacity: true)
        blockPositions.removeAll(keepingCapacity: true)
        blockMaxima = FieldFrequencies()
        previousBlockLast = lastDoc
        docsInBlock = 0
        blockCount += 1
    }

    /// The finished list: header, block directory, blocks.
    mutating func encoded() -> [UInt8] {
        closeBlock()
        var out: [UInt8] = []
        out.reserveCapacity(directory.count + blocks.count + 8)
        VarInt.append(UInt64(docFrequency), to: &out)
        VarInt.append(UInt64(blockCount), to: &out)
        out += directory
        out += blocks
        return out
    }
}
