import HDriveCore

/// What a file really is, whatever its name says.
public struct DetectedType: Sendable, Equatable, CustomStringConvertible {
    /// The MIME type found ("application/vnd.oasis.opendocument.text", "text/plain").
    public var mimeType: String
    /// The format hdrive reads it as; `.other` when there is no extractor for it.
    public var fileType: FileType

    public init(mimeType: String, fileType: FileType) {
        self.mimeType = mimeType
        self.fileType = fileType
    }

    public var isSupported: Bool { fileType != .other }
    public var description: String { "\(fileType) (\(mimeType))" }
}
