/// One term's postings in one segment: for each document (ascending local id) the term
/// frequency in each field.
///
/// Encoding (format 1): per document, varint(local id, or its gap to the previous one), one byte with a
/// bit per field that contains the term, then varint(frequency) for each set bit in field order.
public struct PostingList: Sendable {
    public let segmentID: Int64
    public let docFrequency: Int
    let data: [UInt8]

    init(segmentID: Int64, docFrequency: Int, data: [UInt8]) {
        self.segmentID = segmentID
        self.docFrequency = docFrequency
        self.data = data
    }

    /// Calls `body(localDoc, frequencies)` for every posting; `frequencies` is indexed by
    /// `IndexField.rawValue` and reused between calls (no allocation per posting).
    public func forEach(_ body: (Int, UnsafeBufferPointer<UInt32>) -> Void) throws {
        var frequencies = [UInt32](repeating: 0, count: IndexField.count)
        try data.withUnsafeBytes { bytes in
            try frequencies.withUnsafeMutableBufferPointer { freqs in
                var offset = 0
                var doc = -1
                while offset < bytes.count {
                    guard let gap = VarInt.read(bytes, &offset), offset < bytes.count else { throw PostingList.corrupt }
                    doc += Int(gap) + (doc < 0 ? 1 : 0)
                    let mask = bytes[offset]
                    offset += 1
                    for field in 0..<IndexField.count {
                        if mask & (1 << field) != 0 {
                            guard let tf = VarInt.read(bytes, &offset) else { throw PostingList.corrupt }
                            freqs[field] = UInt32(truncatingIfNeeded: tf)
                        } else {
                            freqs[field] = 0
                        }
                    }
                    body(doc, UnsafeBufferPointer(freqs))
                }
            }
        }
    }

    static let corrupt = IndexError("corrupt posting list")
}

/// Builds one term's posting list while documents are added in local-id order.
struct PostingListBuilder {
    var data: [UInt8] = []
    var docFrequency = 0
    var lastDoc = -1

    mutating func add(localDoc: Int, frequencies: [UInt32]) {
        // The first document stores its local id, later ones the gap to the previous id.
        VarInt.append(UInt64(lastDoc < 0 ? localDoc : localDoc - lastDoc), to: &data)
        var mask: UInt8 = 0
        for (field, tf) in frequencies.enumerated() where tf > 0 { mask |= 1 << field }
        data.append(mask)
        for tf in frequencies where tf > 0 { VarInt.append(UInt64(tf), to: &data) }
        docFrequency += 1
        lastDoc = localDoc
    }
}
