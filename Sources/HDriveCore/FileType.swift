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
    public static let ods = FileType("ods")
    public static let odp = FileType("odp")
    public static let odg = FileType("odg")
    public static let xlsx = FileType("xlsx")
    public static let pptx = FileType("pptx")
    public static let pdf = FileType("pdf")
    public static let doc = FileType("doc")
    public static let xls = FileType("xls")
    public static let ppt = FileType("ppt")
    public static let html = FileType("html")
    public static let xml = FileType("xml")
    public static let rtf = FileType("rtf")
    public static let email = FileType("email")
    public static let mbox = FileType("mbox")
    public static let msg = FileType("msg")
    public static let epub = FileType("epub")
    public static let archive = FileType("archive")
    /// A type we detected but have no extractor for; only name and path are indexed.
    public static let other = FileType("other")
    public static let directory = FileType("directory")
}
