/// Why hdrive could not read (all of) a file, in words an admin understands.
/// Stored in the catalog; the file's name and path stay searchable.
public struct ExtractionFailure: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case unsupported
        case encrypted
        case corrupt
        case tooLarge = "too large"
        case timeout
        case helperMissing = "helper missing"
        case partial
        /// The file could not be opened or read (permissions, I/O error, vanished).
        case unreadable
        /// The file changed while it was read; it is tried again later.
        case changed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// One file's extraction outcome.
public enum ExtractionResult: Sendable {
    case document(ExtractedDocument)
    case failure(ExtractionFailure)
}
