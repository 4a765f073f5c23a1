/// An immutable segment as a reader sees it: its documents' field lengths and which are deleted.
public struct SegmentInfo: Sendable {
    public let id: Int64
    /// Global document ids of this segment are `baseDoc ..< baseDoc + docCount`.
    public let baseDoc: Int64
    public let docCount: Int
    public let deletedCount: Int
    let norms: [UInt8]
    let deletions: [UInt8]
    /// The norms as 16-bit lengths when every one fits (a segment of documents of fewer than
    /// 65,535 words a field): half the bytes, so scoring's read of a match's lengths misses
    /// the processor's cache less often. Empty when some length does not fit.
    private let compactLengths: [UInt16]
    /// The segment's own average field lengths, as its posting lists' bounds and impact lists
    /// hold under (`ScoreBounds.references`).
    public let references: SIMD8<Float>

    init(id: Int64, baseDoc: Int64, docCount: Int, deletedCount: Int, norms: [UInt8], deletions: [UInt8]) throws {
        guard norms.count == docCount * IndexField.count * 4, deletions.count == (docCount + 7) / 8 else {
            throw IndexError("segment \(id) is corrupt: norms or deletions have the wrong size")
        }
        self.id = id
        self.baseDoc = baseDoc
        self.docCount = docCount
        self.deletedCount = deletedCount
        self.norms = norms
        self.deletions = deletions
        references = ScoreBounds.references(norms: norms, documents: docCount)
        compactLengths = norms.withUnsafeBytes { bytes in
            var compact: [UInt16] = []
            compact.reserveCapacity(norms.count / 4)
            for index in 0..<norms.count / 4 {
                let length = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                guard length < UInt32(UInt16.max) else { return [] }
                compact.append(UInt16(length))
            }
            return compact
        }
    }

    @inline(__always)
    public func isDeleted(_ local: Int) -> Bool {
        deletions[local >> 3] & (1 << UInt8(local & 7)) != 0
    }

    @inline(__always)
    public func fieldLength(_ local: Int, _ field: IndexField) -> UInt32 {
        norms.uint32LE(at: (local * IndexField.count + field.rawValue) * 4)
    }

    /// Every field's length of one document at once, for scoring (lanes past the fields are 0).
    @inline(__always)
    public func fieldLengths(_ local: Int) -> SIMD8<Double> {
        if !compactLengths.isEmpty {
            var lengths = SIMD8<Double>()
            let start = local * IndexField.count
            for field in 0..<IndexField.count { lengths[field] = Double(compactLengths[start + field]) }
            return lengths
        }
        return norms.withUnsafeBytes { bytes in
            var lengths = SIMD8<Double>()
            let start = local * IndexField.count * 4
            for field in 0..<IndexField.count {
                lengths[field] = Double(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + field * 4, as: UInt32.self)))
            }
            return lengths
        }
    }

    public var liveCount: Int { docCount - deletedCount }
}

/// A segment's identity for the readers' caches. SQLite hands the id of a dropped last segment
/// to the next one inserted, but never with the same first document: document ids only grow,
/// and a merge that keeps its sources' ids takes a new segment id.
struct SegmentKey: Hashable {
    let id: Int64
    let baseDoc: Int64
}

extension SegmentInfo {
    var key: SegmentKey { SegmentKey(id: id, baseDoc: baseDoc) }
}
