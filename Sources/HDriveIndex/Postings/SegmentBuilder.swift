/// Collects one batch's documents in memory and turns them into an immutable segment:
/// norms, and posting lists sorted by term (sorted rows are what SQLite inserts fastest).
///
/// Inversion by sorting: each posting is appended, as it arrives, to one buffer shared by all
/// terms, and only at `seal` are the postings grouped by term (a counting sort that copies
/// them, in order, to each term's place) and encoded list by list from contiguous bytes.
/// Keeping a growing list per term instead touched that term's builder and its buffers at
/// scattered addresses for every posting, and those cache misses were most of a segment's
/// build; so was reading the postings back at scattered addresses, where copying them there
/// only writes.
struct SegmentBuilder {
    private(set) var documentCount = 0
    private var norms: [UInt8] = []
    private var terms = TermTable(capacity: 1 << 12)
    /// Per term number of `terms`, the bytes of its postings' records (without the term).
    private var termBytes: [Int] = []
    /// What `TermTable.touch` read (kept only so that its reads stay).
    private var touched = 0
    /// Per posting, in order of arrival (so by document): the term number (varint), then the
    /// record a list is encoded from: local document (varint), frequencies (as a list holds
    /// them), the byte length of its positions (varint) and the positions (as a list holds them).
    private var records = ByteWriter()
    /// The finished lists, once `seal` made them; no document can be added after.
    private var sealed: [(term: String, docFrequency: Int, data: [UInt8])]?
    private(set) var fieldLengthTotals = [Int64](repeating: 0, count: IndexField.count)

    /// Adds a document and returns its local id.
    mutating func add(_ document: AnalyzedDocument) -> Int {
        precondition(sealed == nil, "a sealed segment takes no more documents")
        let local = documentCount
        documentCount += 1
        for field in 0..<IndexField.count {
            norms.appendUInt32LE(document.fieldLengths[field])
            fieldLengthTotals[field] += Int64(document.fieldLengths[field])
        }
        touched &+= terms.touch(document.hashes) { termBytes[$0] }
        document.forEachTerm { term, hash, frequencies, positions in
            let (number, isNew) = terms.number(of: term, hash: hash)
            if isNew { termBytes.append(0) }
            termBytes[number] += Self.writeRecord(term: number, local, frequencies, positions, into: &records)
        }
        return local
    }

    var isEmpty: Bool { documentCount == 0 }

    func encodedNorms() -> [UInt8] { norms }

    /// Sorts and encodes the posting lists now; the postings gathered are dropped, the grouped
    /// copy before the lists are encoded.
    mutating func seal() {
        guard sealed == nil else { return }
        let references = ScoreBounds.references(totals: fieldLengthTotals, documents: documentCount)
        let lengths = Self.lengths(norms)
        let (grouped, firsts) = groupedByTerm()
        let names = terms.terms
        terms = TermTable()
        termBytes = []
        records = ByteWriter()
        sealed = grouped.withUnsafeBytes { records in
            Self.byteOrder(names).map { number in
                var builder = PostingListBuilder()
                var offset = firsts[number]
                while offset < firsts[number + 1] {
                    Self.readPosting(records, at: &offset) { local, frequencies, positions in
                        builder.add(localDoc: local, frequencies: frequencies, encodedPositions: positions)
                    }
                }
                return (names[number], builder.docFrequency, builder.encoded(lengths: lengths, references: references))
            }
        }
    }

    /// (term, document frequency, encoded list), sorted by term; seals the segment.
    mutating func sortedPostings() -> [(term: String, docFrequency: Int, data: [UInt8])] {
        seal()
        return sealed!
    }

    /// The indexes of `names` in SQLite's BINARY order (by UTF-8 bytes). Most terms differ in
    /// their first 8 bytes, compared as one integer; comparing `utf8` views byte by byte was a
    /// tenth of sealing a segment.
    static func byteOrder(_ names: [String]) -> [Int] {
        let keys = names.map { name in
            var key: UInt64 = 0, shift: UInt64 = 56
            for byte in name.utf8.prefix(8) {
                key |= UInt64(byte) << shift
                shift &-= 8
            }
            return key
        }
        return names.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a] < keys[b] : names[a].utf8.lexicographicallyPrecedes(names[b].utf8)
        }
    }

    /// A document's field lengths, from norms as a segment stores them. Decoded once for all
    /// documents: block bounds ask for them once per posting.
    static func lengths(_ norms: [UInt8]) -> (Int) -> FieldFrequencies {
        let documents = norms.count / (IndexField.count * 4)
        let table = [FieldFrequencies](unsafeUninitializedCapacity: documents) { buffer, count in
            norms.withUnsafeBytes { bytes in
                for local in 0..<documents {
                    var lengths = FieldFrequencies()
                    for field in 0..<IndexField.count {
                        let offset = (local * IndexField.count + field) * 4
                        lengths[field] = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                    }
                    buffer[local] = lengths
                }
            }
            count = documents
        }
        return { table[$0] }
    }

    /// Every term's postings side by side, still in document order (the sort is stable), without
    /// their term numbers; and where each term's start (one more: the end).
    private func groupedByTerm() -> (bytes: [UInt8], firsts: [Int]) {
        var firsts = [Int](repeating: 0, count: termBytes.count + 1)
        for (number, bytes) in termBytes.enumerated() { firsts[number + 1] = firsts[number] + bytes }
        var grouped = [UInt8](repeating: 0, count: firsts.last!)
        var next = firsts
        records.bytes.withUnsafeBytes { source in
            grouped.withUnsafeMutableBytes { target in
                var offset = 0
                while offset < source.count {
                    let term = Int(VarInt.read(source, &offset)!)
                    let start = offset
                    Self.readPosting(source, at: &offset) { _, _, _ in }
                    target.baseAddress!.advanced(by: next[term])
                        .copyMemory(from: source.baseAddress!.advanced(by: start), byteCount: offset - start)
                    next[term] += offset - start
                }
            }
        }
        return (grouped, firsts)
    }

    /// Appends a posting's record; returns the bytes it takes without its term number.
    private static func writeRecord(term: Int, _ local: Int, _ frequencies: FieldFrequencies, _ positions: ArraySlice<UInt32>,
                                    into records: inout ByteWriter) -> Int {
        var posting = 0
        // At most 10 bytes each the term and the document, 1 + 5 * 5 the frequencies, and 5
        // each the positions' length and every position.
        records.write(capacity: 20 + 26 + 5 + positions.count * 5) { buffer in
            var count = 0
            VarInt.write(UInt64(term), into: buffer, at: &count)
            let start = count
            VarInt.write(UInt64(local), into: buffer, at: &count)
            PostingListBuilder.write(frequencies, into: buffer, at: &count)
            // The positions go 5 bytes further on, then their length is written in front: it
            // takes one byte but for documents that repeat a word hundreds of times.
            var end = count + 5
            PostingListBuilder.write(positions, frequencies, into: buffer, at: &end)
            let positionBytes = end - (count + 5)
            let lengthBytes = VarInt.length(UInt64(positionBytes))
            if lengthBytes < 5 {
                (buffer.baseAddress! + count + lengthBytes).update(from: buffer.baseAddress! + count + 5, count: positionBytes)
            }
            VarInt.write(UInt64(positionBytes), into: buffer, at: &count)
            posting = count + positionBytes - start
            return count + positionBytes
        }
        return posting
    }

    /// The posting at `offset` (a record past its term number), its positions valid during the
    /// call; moves `offset` past it.
    @inline(__always)
    private static func readPosting(_ records: UnsafeRawBufferPointer, at offset: inout Int,
                                    _ body: (Int, FieldFrequencies, UnsafeRawBufferPointer) -> Void) {
        // The builder wrote these bytes itself, so they decode.
        let local = Int(VarInt.read(records, &offset)!)
        let frequencies = try! PostingDirectory.readFrequencies(records, &offset)
        let count = Int(VarInt.read(records, &offset)!)
        body(local, frequencies, UnsafeRawBufferPointer(rebasing: records[offset..<offset + count]))
        offset += count
    }
}
