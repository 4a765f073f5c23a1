import HDriveText

/// Score bounds of a stem class in one segment: the indexed forms that share an English
/// Snowball stem ("cell" and "cells", "be" and "being"), summed per document, and the largest
/// weighted frequency (`ScoreBounds`) of that sum in each range of `rangeSize` documents.
///
/// A query word is scored as the sum of its forms. Bounded form by form, a run of documents
/// got the sum of each form's best: two common forms are each near their best in nearly every
/// block, so the sum beat the page's threshold everywhere and no block was skipped. The class's
/// own bound is that of the sum, and it stays low wherever no document holds much of both.
///
/// Stored as `stem_bounds.data`: the references (5 Float32, little-endian), then one Float32
/// per range of `rangeSize` local ids, rounded up.
public struct StemBoundList: Sendable {
    /// Range `r` covers local ids `r * rangeSize ..< (r + 1) * rangeSize`.
    public static let rangeSize = 64
    /// The average field lengths the bounds hold under, as a posting list's.
    public let references: SIMD8<Float>
    /// The stored bytes, read in place: a search reads a few ranges of each list.
    let data: [UInt8]
    private static let header = IndexField.count * 4

    init(references: SIMD8<Float>, bounds: [Float]) {
        var out: [UInt8] = []
        out.reserveCapacity(Self.header + bounds.count * 4)
        for field in 0..<IndexField.count { out.appendUInt32LE(references[field].bitPattern) }
        for bound in bounds { out.appendUInt32LE(bound.bitPattern) }
        self.references = references
        data = out
    }

    /// The stored bytes of a class of a segment of `documents` documents. A class that does not
    /// cover every range would make a search pass over documents it never bounded, so it is
    /// refused as corrupt.
    init(data: [UInt8], documents: Int) throws {
        guard data.count == Self.length(documents: documents) else {
            throw IndexError("corrupt stem class: \(data.count) bytes for a segment of \(documents) documents")
        }
        var references = SIMD8<Float>()
        for field in 0..<IndexField.count { references[field] = Float(bitPattern: data.uint32LE(at: field * 4)) }
        self.references = references
        self.data = data
    }

    /// The stored length of a class of a segment of `documents` documents.
    static func length(documents: Int) -> Int {
        header + (documents + rangeSize - 1) / rangeSize * 4
    }

    /// The bound of the range holding local id `local`, and the range's last id; nil past the
    /// last range (no form has a document there).
    @inline(__always)
    public func bound(at local: Int) -> (bound: Float, lastDoc: Int)? {
        let range = local / Self.rangeSize
        let offset = Self.header + range * 4
        guard offset < data.count else { return nil }
        return (Float(bitPattern: data.uint32LE(at: offset)), (range + 1) * Self.rangeSize - 1)
    }
}

/// Writes the stem classes of a new segment, inside the caller's transaction, once its posting
/// lists are written: `note` each list as it is written, then `write`. Only classes of two or
/// more lists of several blocks get a row: a single form's blocks bound it exactly already, and
/// a form of one block is decoded whole by a search. A list noted without its bytes is read
/// back by `write`: a merge writes every list once, and would otherwise hold all the long ones
/// until its end; a commit holds them all anyway.
struct StemBoundsWriter {
    let db: SQLiteConnection
    let stemmers: Stemmers
    /// Per English stem, its long forms, each with its list when noted with it.
    private var longTerms: [String: [(term: String, list: [UInt8]?)]] = [:]

    init(db: SQLiteConnection, stemmers: Stemmers) {
        self.db = db
        self.stemmers = stemmers
    }

    mutating func note(term: String, docFrequency: Int, list: [UInt8]? = nil) {
        guard docFrequency > PostingListBuilder.blockSize else { return }
        longTerms[stemmers.stem(term, in: .english) ?? term, default: []].append((term, list))
    }

    /// `lengths`: each local document's field lengths; `references`: the segment's, as its lists have.
    func write(segmentID: Int64, documents: Int, lengths: (Int) -> FieldFrequencies, references: SIMD8<Float>) throws {
        let classes = longTerms.filter { $0.value.count > 1 }
        guard !classes.isEmpty else { return }
        let read = try db.prepare("SELECT data FROM postings WHERE term = ? AND segment_id = ?")
        let insert = try db.prepare("INSERT INTO stem_bounds(segment_id, stem, data) VALUES (?, ?, ?)")
        var sums = [FieldFrequencies](repeating: FieldFrequencies(), count: documents)
        var touched: [Int] = []
        for (stem, terms) in classes.sorted(by: { $0.key < $1.key }) {
            for (term, list) in terms {
                var cursor: PostingCursor
                if let list {
                    cursor = try PostingCursor(list)
                } else {
                    read.reset().bind(.text(term), .integer(segmentID))
                    guard try read.step() else { throw IndexError("the list of \(term) vanished while its segment was written") }
                    cursor = try PostingCursor(read.blob(0))
                    read.reset()
                }
                while try cursor.next() {
                    let doc = cursor.doc
                    guard doc < documents else { throw PostingList.corrupt }
                    if sums[doc] == FieldFrequencies() { touched.append(doc) }
                    sums[doc] &+= cursor.frequencies
                }
            }
            var bounds = [Float](repeating: 0, count: (documents + StemBoundList.rangeSize - 1) / StemBoundList.rangeSize)
            for doc in touched {
                let weighted = ScoreBounds.weighted(frequencies: sums[doc], lengths: lengths(doc), references: references)
                let rounded = Float(weighted)
                let range = doc / StemBoundList.rangeSize
                bounds[range] = max(bounds[range], Double(rounded) < weighted ? rounded.nextUp : rounded)
                sums[doc] = FieldFrequencies()
            }
            touched.removeAll(keepingCapacity: true)
            let list = StemBoundList(references: references, bounds: bounds)
            try insert.reset().bind(.integer(segmentID), .text(stem), .blob(list.data)).run()
        }
    }
}
