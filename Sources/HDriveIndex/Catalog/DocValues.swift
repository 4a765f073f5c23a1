import HDriveCore

/// Per-document facts that filters, sorting and facets read for many documents at once:
/// one array per fact over a segment's local ids, loaded once and cached with the segment
/// (a document's facts never change; a changed file gets a new document).
public struct DocValues: Sendable {
    public var type: [String]
    public var fileExtension: [String]
    public var mtimeNs: [Int64]
    /// The year of `mtimeNs`, UTC, computed once for the year facet.
    public var year: [Int16]
    public var size: [Int64]
    /// The file name, for sorting by name.
    public var name: [String]
    /// The root's name and the first folder under it ("h/Financien"), for the folder facet.
    public var folder: [String]
    public var author: [String?]
    /// The same facts as small numbers per segment, for counting facets without hashing a
    /// string per match: `typeID[local]` indexes `types`, and so on (author -1: none).
    public var typeID: [Int32]
    public var types: [String] = []
    public var folderID: [Int32]
    public var folders: [String] = []
    public var authorID: [Int32]
    public var authors: [String] = []

    init(count: Int) {
        type = Array(repeating: "", count: count)
        fileExtension = Array(repeating: "", count: count)
        mtimeNs = Array(repeating: 0, count: count)
        year = Array(repeating: 1970, count: count)
        size = Array(repeating: 0, count: count)
        name = Array(repeating: "", count: count)
        folder = Array(repeating: "", count: count)
        author = Array(repeating: nil, count: count)
        typeID = Array(repeating: -1, count: count)
        folderID = Array(repeating: -1, count: count)
        authorID = Array(repeating: -1, count: count)
    }

    /// Fills the numbered forms once every document is loaded.
    mutating func intern() {
        func number(_ values: [String?], into names: inout [String]) -> [Int32] {
            var ids: [String: Int32] = [:]
            return values.map { value in
                guard let value else { return -1 }
                if let id = ids[value] { return id }
                let id = Int32(names.count)
                names.append(value)
                ids[value] = id
                return id
            }
        }
        typeID = number(type, into: &types)
        folderID = number(folder, into: &folders)
        authorID = number(author, into: &authors)
    }

    static func load(_ db: SQLiteConnection, segment: SegmentInfo, roots: [Int64: RootRecord]) throws -> DocValues {
        var values = DocValues(count: segment.docCount)
        let statement = try db.prepare("""
            SELECT d.doc_id, coalesce(d.member_type, f.type), f.mtime_ns, f.size, f.path, f.root_id,
                   json_extract(d.metadata, '$.author'), d.member
            FROM documents d JOIN files f ON f.id = d.file_id
            WHERE d.doc_id >= ? AND d.doc_id < ?
            """).bind(.integer(segment.baseDoc), .integer(segment.baseDoc + Int64(segment.docCount)))
        while try statement.step() {
            let local = Int(statement.int64(0) - segment.baseDoc)
            let path = RawPath(bytes: statement.blob(4))
            let components = path.components
            values.type[local] = statement.text(1) ?? ""
            // A member is named by its own name and extension; it lives in its archive's folder.
            let named = statement.text(7).map { RawPath(bytes: Array(($0.components(separatedBy: "/").last ?? $0).utf8)) } ?? path
            values.fileExtension[local] = named.fileExtension
            values.mtimeNs[local] = statement.int64(2)
            values.year[local] = Int16(truncatingIfNeeded: CivilDate.from(daysSince1970: CivilDate.days(unixSeconds: statement.int64(2) / 1_000_000_000)).year)
            values.size[local] = statement.int64(3)
            values.name[local] = named.lastComponent.searchableString
            let root = roots[statement.int64(5)]?.name ?? ""
            values.folder[local] = components.count > 1 ? root + "/" + RawPath(bytes: components[0]).searchableString : root
            values.author[local] = statement.text(6).flatMap { $0.isEmpty ? nil : $0 }
        }
        values.intern()
        return values
    }
}
