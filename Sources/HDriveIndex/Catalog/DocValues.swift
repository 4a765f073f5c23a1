import HDriveCore

/// Per-document facts that filters, sorting and facets read for many documents at once:
/// one array per fact over a segment's local ids, loaded once and cached with the segment
/// (a document's facts never change; a changed file gets a new document).
public struct DocValues: Sendable {
    public var type: [String]
    public var fileExtension: [String]
    public var mtimeNs: [Int64]
    public var size: [Int64]
    /// The file name, for sorting by name.
    public var name: [String]
    /// The root's name and the first folder under it ("h/Financien"), for the folder facet.
    public var folder: [String]
    public var author: [String?]

    init(count: Int) {
        type = Array(repeating: "", count: count)
        fileExtension = Array(repeating: "", count: count)
        mtimeNs = Array(repeating: 0, count: count)
        size = Array(repeating: 0, count: count)
        name = Array(repeating: "", count: count)
        folder = Array(repeating: "", count: count)
        author = Array(repeating: nil, count: count)
    }

    static func load(_ db: SQLiteConnection, segment: SegmentInfo, roots: [Int64: RootRecord]) throws -> DocValues {
        var values = DocValues(count: segment.docCount)
        let statement = try db.prepare("""
            SELECT d.doc_id, f.type, f.mtime_ns, f.size, f.path, f.root_id, json_extract(d.metadata, '$.author')
            FROM documents d JOIN files f ON f.doc_id = d.doc_id
            WHERE d.doc_id >= ? AND d.doc_id < ?
            """).bind(.integer(segment.baseDoc), .integer(segment.baseDoc + Int64(segment.docCount)))
        while try statement.step() {
            let local = Int(statement.int64(0) - segment.baseDoc)
            let path = RawPath(bytes: statement.blob(4))
            let components = path.components
            values.type[local] = statement.text(1) ?? ""
            values.fileExtension[local] = path.fileExtension
            values.mtimeNs[local] = statement.int64(2)
            values.size[local] = statement.int64(3)
            values.name[local] = path.lastComponent.searchableString
            let root = roots[statement.int64(5)]?.name ?? ""
            values.folder[local] = components.count > 1 ? root + "/" + RawPath(bytes: components[0]).searchableString : root
            values.author[local] = statement.text(6).flatMap { $0.isEmpty ? nil : $0 }
        }
        return values
    }
}
