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

    public init(name: String, path: String, title: String?, body: String, author: String?, metadataJSON: String?) {
        var fields: [IndexField: String] = [.name: name, .path: path, .body: body]
        if let title { fields[.title] = title }
        if let author { fields[.author] = author }
        self.fields = fields
        self.title = title
        self.body = body
        self.metadataJSON = metadataJSON
    }
}
