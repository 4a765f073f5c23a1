/// The limits extraction works within. Every file is untrusted.
public struct ExtractConfiguration: Sendable, Equatable {
    /// Files larger than this are not read (name and path stay searchable).
    public var maxFileSize: Int64 = 256 * 1024 * 1024
    /// Extracted text per document is cut here and the document marked partial.
    public var maxTextBytes: Int = 10 * 1024 * 1024
    /// The time one file may take, helper programs included; then it fails with `timeout`.
    public var timeLimit: Duration = .seconds(120)
    /// Bytes actually inflated from one ZIP entry before it counts as a bomb.
    public var maxInflatedBytesPerEntry: Int64 = 256 * 1024 * 1024
    /// Bytes actually inflated from all entries of one archive (members of nested archives
    /// count against their own archive).
    public var maxInflatedBytesPerArchive: Int64 = 1024 * 1024 * 1024
    /// Entries in one ZIP central directory before the archive is refused.
    public var maxArchiveEntries: Int = 65_536
    /// How deep archives inside archives are opened; deeper members are listed by name only.
    public var maxArchiveDepth: Int = 3
    /// Element nesting depth in XML parts before the part is refused.
    public var maxXMLDepth: Int = 256
    /// An entry inflating to more than this multiple of its compressed size is a suspected
    /// bomb (Tika uses 100)...
    public var maxCompressionRatio: Int = 100
    /// ...once it has produced this many bytes: small, very repetitive parts are normal.
    public var compressionRatioFloor: Int = 1024 * 1024
    /// Bytes from the start of a file that type detection looks at.
    public var detectionPrefixBytes: Int = 64 * 1024
    /// The encoding of text that is neither UTF-8 nor UTF-16 nor recognisably Cyrillic, as
    /// iconv names it ("windows-1252", "ISO-8859-15", "CP850" for old DOS files).
    public var fallbackEncoding: String = "windows-1252"
    /// Address space of a helper program (pdftotext, antiword).
    public var helperMemoryBytes: Int64 = 1024 * 1024 * 1024

    public init() {}
}
