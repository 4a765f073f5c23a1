/// One term's postings in one segment (format 2, see docs/index-format.md).
public struct PostingList: Sendable {
    public let segmentID: Int64
    public let docFrequency: Int
    let data: [UInt8]
    /// The block directory, read once: a cached list serves many searches, and each would
    /// otherwise read a long list's directory again. Nil when corrupt
    /// (`cursor()` then reads it again and reports the damage).
    private let directory: PostingDirectory?

    init(segmentID: Int64, docFrequency: Int, data: [UInt8]) {
        self.segmentID = segmentID
        self.docFrequency = docFrequency
        self.data = data
        directory = data.withUnsafeBytes { try? PostingDirectory($0) }
    }

    /// The bytes the list holds: its data and its directory as read.
    var bytes: Int { data.count + (directory?.blocks.count ?? 0) * MemoryLayout<PostingDirectory.Block>.stride }

    /// A cursor over the documents, positioned before the first.
    public func cursor() throws -> PostingCursor {
        if let directory { return PostingCursor(data, directory: directory) }
        return try PostingCursor(data)
    }

    /// Calls `body(localDoc, frequencies)` for every posting; `frequencies` is indexed by
    /// `IndexField.rawValue` (a value, no allocation per posting).
    public func forEach(_ body: (Int, FieldFrequencies) -> Void) throws {
        var cursor = try cursor()
        while try cursor.next() { body(cursor.doc, cursor.frequencies) }
    }

    static let corrupt = IndexError("corrupt posting list")
}
