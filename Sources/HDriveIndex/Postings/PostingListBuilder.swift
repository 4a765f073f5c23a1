/// Builds one term's posting list (format 3) while documents are added in local-id order.
///
/// Documents are grouped in blocks of `blockSize`. The directory in front lists, per block, its
/// last document, the byte lengths of its two sections, the largest frequency per field and,
/// in a list of several blocks, the largest weighted frequency of any of its documents (see
/// `ScoreBounds`), so a reader can skip whole blocks and bound their scores without decoding them.
struct PostingListBuilder {
    static let blockSize = 128
    /// First bytes of a list whose directory holds score bounds (a list otherwise starts with
    /// its document count, never 0).
    static let boundsMarker: [UInt8] = [0, 2]

    private struct Entry {
        var lastDoc: Int
        var docBytes: Int
        var positionBytes: Int
        var maxima: FieldFrequencies
    }

    private(set) var docFrequency = 0
    private var entries: [Entry] = []
    private var blocks: [UInt8] = []
    private var blockDocs = ByteWriter()
    private var blockPositions = ByteWriter()
    private var blockCount = 0
    private var docsInBlock = 0
    private var previousBlockLast = -1
    private var lastDoc = -1
    private var blockMaxima = FieldFrequencies()

    /// A document's positions as a list holds them: field after field (those `frequencies`
    /// names), each field's as gaps from the previous one. `buffer` needs 5 bytes a position.
    @inline(__always)
    static func write(_ positions: some Sequence<UInt32>, _ frequencies: FieldFrequencies,
                      into buffer: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        var remaining = positions.makeIterator()
        for field in 0..<IndexField.count where frequencies[field] > 0 {
            var previous: UInt32 = 0
            for _ in 0..<frequencies[field] {
                let position = remaining.next()!
                VarInt.write(UInt64(position - previous), into: buffer, at: &count)
                previous = position
            }
        }
    }

    /// `encodedPositions`: the document's positions as `write` writes them (a segment's records
    /// and a merge's source lists hold them so).
    mutating func add(localDoc: Int, frequencies: FieldFrequencies, encodedPositions: UnsafeRawBufferPointer) {
        addDocument(localDoc, frequencies)
        blockPositions.write(capacity: encodedPositions.count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: encodedPositions)
            return encodedPositions.count
        }
        finishDocument()
    }

    private mutating func addDocument(_ localDoc: Int, _ frequencies: FieldFrequencies) {
        precondition(localDoc > lastDoc, "documents must be added in increasing order")
        let base = docsInBlock == 0 ? previousBlockLast : lastDoc
        // The gap, the field mask and the frequencies.
        let gap = UInt64(localDoc - base)
        var length = VarInt.length(gap) + 1
        for field in 0..<IndexField.count where frequencies[field] > 0 { length += VarInt.length(UInt64(frequencies[field])) }
        blockDocs.write(capacity: length) { buffer in
            var count = 0
            VarInt.write(gap, into: buffer, at: &count)
            Self.write(frequencies, into: buffer, at: &count)
            return count
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
        entries.append(Entry(lastDoc: lastDoc, docBytes: blockDocs.count, positionBytes: blockPositions.count, maxima: blockMaxima))
        blocks += blockDocs.bytes
        blocks += blockPositions.bytes
        blockDocs.removeAll()
        blockPositions.removeAll()
        blockMaxima = FieldFrequencies()
        previousBlockLast = lastDoc
        docsInBlock = 0
        blockCount += 1
    }

    /// The finished list: header, block directory, blocks. With `lengths` (each local
    /// document's field lengths) and the segment's `references`, a list of several blocks
    /// carries each block's score bound.
    mutating func encoded(lengths: ((Int) -> FieldFrequencies)? = nil, references: SIMD8<Float> = SIMD8()) -> [UInt8] {
        closeBlock()
        let bounds = entries.count > 1 ? lengths.map { blockBounds(lengths: $0, references: references) } : nil
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 12 + blocks.count + 32)
        if bounds != nil {
            out += Self.boundsMarker
            for field in 0..<IndexField.count { out.appendUInt32LE(references[field].bitPattern) }
        }
        VarInt.append(UInt64(docFrequency), to: &out)
        VarInt.append(UInt64(entries.count), to: &out)
        for (index, entry) in entries.enumerated() {
            VarInt.append(UInt64(entry.lastDoc), to: &out)
            VarInt.append(UInt64(entry.docBytes), to: &out)
            VarInt.append(UInt64(entry.positionBytes), to: &out)
            Self.append(entry.maxima, to: &out)
            if let bounds { out.appendUInt32LE(bounds[index].bitPattern) }
        }
        out += blocks
        return out
    }

    /// A field mask, then one varint per field it names: how a document's frequencies and a
    /// block's maxima are written (`PostingDirectory.readFrequencies` reads them).
    private static func append(_ frequencies: FieldFrequencies, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 30) { scratch in
            var count = 0
            write(frequencies, into: scratch, at: &count)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// As `append`, into a buffer with room for 1 + 5 * 5 bytes at `count`.
    @inline(__always)
    static func write(_ frequencies: FieldFrequencies, into scratch: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        var mask: UInt8 = 0
        for field in 0..<IndexField.count where frequencies[field] > 0 { mask |= 1 << field }
        scratch[count] = mask
        count += 1
        for field in 0..<IndexField.count where frequencies[field] > 0 {
            VarInt.write(UInt64(frequencies[field]), into: scratch, at: &count)
        }
    }

    /// Per block, the largest weighted frequency of its documents, rounded up to a Float.
    private func blockBounds(lengths: (Int) -> FieldFrequencies, references: SIMD8<Float>) -> [Float] {
        var bounds: [Float] = []
        bounds.reserveCapacity(entries.count)
        var start = 0, previous = -1
        let weighing = ScoreBounds.Weighing(references: references)
        blocks.withUnsafeBytes { bytes in
            for entry in entries {
                var offset = start, best = 0.0
                while offset < start + entry.docBytes {
                    // The builder wrote these bytes itself, so they decode.
                    previous += Int(VarInt.read(bytes, &offset)!)
                    let frequencies = try! PostingDirectory.readFrequencies(bytes, &offset)
                    best = max(best, weighing.weighted(frequencies, lengths: SIMD8<Double>(lengths(previous))))
                }
                bounds.append(ScoreBounds.roundedUp(best))
                start += entry.docBytes + entry.positionBytes
                previous = entry.lastDoc
            }
        }
        return bounds
    }
}
