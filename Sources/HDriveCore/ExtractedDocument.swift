/// What an extractor found in one file: text per field and metadata.
public struct ExtractedDocument: Sendable, Codable, Equatable {
    /// The detected type (not the extension's guess).
    public var type: FileType
    /// The MIME type reported by detection, for people ("application/vnd.oasis...").
    public var mimeType: String
    public var title: String?
    public var body: String
    public var metadata: DocumentMetadata
    /// Set when the body is incomplete: cut at the text limit, or only partly readable.
    public var problem: ExtractionFailure?

    public init(type: FileType, mimeType: String, title: String? = nil, body: String,
                metadata: DocumentMetadata = DocumentMetadata(), problem: ExtractionFailure? = nil) {
        self.type = type
        self.mimeType = mimeType
        self.title = title
        self.body = body
        self.metadata = metadata
        self.problem = problem
    }
}

/// Metadata that formats commonly carry. Dates are ISO 8601 strings as the file states them.
public struct DocumentMetadata: Sendable, Codable, Equatable {
    public var author: String?
    public var lastModifiedBy: String?
    public var created: String?
    public var modified: String?
    public var subject: String?
    public var keywords: String?
    public var language: String?
    /// Text encoding detected for plain text ("UTF-8", "UTF-16LE", "windows-1252").
    public var encoding: String?

    public init(author: String? = nil, lastModifiedBy: String? = nil, created: String? = nil,
                modified: String? = nil, subject: String? = nil, keywords: String? = nil,
                language: String? = nil, encoding: String? = nil) {
        self.author = author
        self.lastModifiedBy = lastModifiedBy
        self.created = created
        self.modified = modified
        self.subject = subject
        self.keywords = keywords
        self.language = language
        self.encoding = encoding
    }
}
