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
    /// Files inside this one (members of a .zip, the file in a .gz), each its own document
    /// addressed as `archive.zip//dir/member.docx`. The body of an archive lists member names
    /// only; their text is here, so that a hit can name the member. Empty for other formats.
    public var members: [ExtractedMember]

    public init(type: FileType, mimeType: String, title: String? = nil, body: String,
                metadata: DocumentMetadata = DocumentMetadata(), problem: ExtractionFailure? = nil,
                members: [ExtractedMember] = []) {
        self.type = type
        self.mimeType = mimeType
        self.title = title
        self.body = body
        self.metadata = metadata
        self.problem = problem
        self.members = members
    }
}

/// One file inside an archive: its document, or why it could not be read.
public struct ExtractedMember: Sendable, Codable, Equatable {
    /// The member's path inside the archive, `/`-separated ("dir/member.docx"); nested
    /// archives join levels with `//` ("inner.zip//report.odt").
    public var path: String
    public var document: ExtractedDocument?
    public var failure: ExtractionFailure?

    public init(path: String, result: ExtractionResult) {
        self.path = path
        switch result {
        case .document(let document): self.document = document
        case .failure(let failure): self.failure = failure
        }
    }
}

extension ExtractedDocument {
    private enum CodingKeys: String, CodingKey {
        case type, mimeType, title, body, metadata, problem, members
    }

    /// Documents stored before `members` existed decode with no members.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(type: try container.decode(FileType.self, forKey: .type),
                  mimeType: try container.decode(String.self, forKey: .mimeType),
                  title: try container.decodeIfPresent(String.self, forKey: .title),
                  body: try container.decode(String.self, forKey: .body),
                  metadata: try container.decode(DocumentMetadata.self, forKey: .metadata),
                  problem: try container.decodeIfPresent(ExtractionFailure.self, forKey: .problem),
                  members: try container.decodeIfPresent([ExtractedMember].self, forKey: .members) ?? [])
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
    /// Pages, sheets or slides, whichever the format counts, where that is cheap to know.
    public var pageCount: Int?
    /// A mail's To and Cc addresses, as written.
    public var recipients: String?

    public init(author: String? = nil, lastModifiedBy: String? = nil, created: String? = nil,
                modified: String? = nil, subject: String? = nil, keywords: String? = nil,
                language: String? = nil, encoding: String? = nil, pageCount: Int? = nil,
                recipients: String? = nil) {
        self.author = author
        self.lastModifiedBy = lastModifiedBy
        self.created = created
        self.modified = modified
        self.subject = subject
        self.keywords = keywords
        self.language = language
        self.encoding = encoding
        self.pageCount = pageCount
        self.recipients = recipients
    }
}
