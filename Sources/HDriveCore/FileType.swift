/// What a file is, as hdrive understands it: a short stable name stored in the catalog
/// ("docx", "odt", "text") and shown in facets. A struct rather than an enum so that new
/// formats are added in the extractor table alone.
public struct FileType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let text = FileType("text")
    public static let odt = FileType("odt")
    public static let docx = FileType("docx")
    /// A type we detected but have no extractor for; only name and path are indexed.
    public static let other = FileType("other")
    public static let directory = FileType("directory")
}
