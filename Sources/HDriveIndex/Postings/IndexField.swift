import HDriveCore

/// The fields of a document that BM25F weighs separately.
public enum IndexField: Int, CaseIterable, Sendable, Codable {
    case name = 0
    case path = 1
    case title = 2
    case body = 3
    case author = 4

    public static let count = IndexField.allCases.count

    public var label: String {
        switch self {
        case .name: "name"
        case .path: "path"
        case .title: "title"
        case .body: "body"
        case .author: "author"
        }
    }
}

/// What the index keeps of one file: the text of each field, and what is stored for display.
public struct IndexableDocument: Sendable {
    public var fields: [IndexField: String]
    /// Stored with the document for results and snippets.
    public var title: String?
    public var body: String
    public var metadataJSON: String?
    /// Files inside this one (archive members, mail attachments), each indexed as a document of
    /// its own that belongs to the same file: a hit names the member, and the members leave
    /// the index with the file. Flat: a nested member's path joins levels with `//`.
    public var members: [IndexableMember] = []

    public init(name: String, path: String, title: String?, body: String, author: String?, metadataJSON: String?) {
        var fields: [IndexField: String] = [.name: name, .path: path, .body: body]
        if let title { fields[.title] = title }
        if let author { fields[.author] = author }
        self.fields = fields
        self.title = title
        self.body = body
        self.metadataJSON = metadataJSON
    }

    /// Text held with the members', for batch sizing.
    var textBytes: Int { body.utf8.count + members.reduce(0) { $0 + $1.textBytes } }
}

/// A document inside a file: `path` is where it sits in its container ("dir/report.docx",
/// "inner.zip//notes.txt"); `type` and `failure` are the member's own, not the container's.
public struct IndexableMember: Sendable {
    public var path: String
    public var type: FileType
    public var failureKind: String?
    public var document: IndexableDocument

    public init(path: String, type: FileType, failureKind: String?, document: IndexableDocument) {
        self.path = path
        self.type = type
        self.failureKind = failureKind
        self.document = document
    }

    /// Text held, for batch sizing.
    var textBytes: Int { document.body.utf8.count }
}
