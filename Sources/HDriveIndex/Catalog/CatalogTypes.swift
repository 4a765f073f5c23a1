import HDriveCore

/// A configured share as the catalog knows it.
public struct RootRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var path: RawPath
    public var displayPrefix: String?
    public var lastScanStarted: Int64?
    public var lastScanFinished: Int64?
    public var lastScanSummary: String?

    /// How a person sees a file of this root: under the display prefix (`\\server\h$\a\b.docx`)
    /// when one is configured, else under the root's own path.
    public func displayPath(of relative: RawPath) -> String {
        let rel = relative.displayString
        guard let prefix = displayPrefix, !prefix.isEmpty else {
            return path.appending(relative).displayString
        }
        if prefix.hasPrefix("\\\\") {
            let trimmed = prefix.hasSuffix("\\") ? String(prefix.dropLast()) : prefix
            return rel.isEmpty ? trimmed : trimmed + "\\" + rel.split(separator: "/").joined(separator: "\\")
        }
        let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        return rel.isEmpty ? trimmed : trimmed + "/" + rel
    }
}

public enum FileState: String, Sendable, Codable, CaseIterable {
    /// Content extracted and indexed.
    case indexed
    /// Content could not be read; name and path are indexed, the failure is recorded.
    case failed
}

/// What the catalog remembers of one file, enough to decide whether to read it again.
public struct CatalogEntry: Sendable, Equatable {
    public var fileID: Int64
    public var path: RawPath
    public var stat: FileStat
    public var type: FileType
    public var state: FileState
    public var docID: Int64?
}

/// A file to record in the catalog with the outcome of its extraction.
public struct FileRecord: Sendable {
    public var rootID: Int64
    /// Relative to the root.
    public var path: RawPath
    public var stat: FileStat
    public var type: FileType
    public var mimeType: String?
    public var failure: ExtractionFailure?
    /// SHA-256 of the file's bytes, when they were read: finds moved files and duplicates.
    public var contentHash: [UInt8]?

    public init(rootID: Int64, path: RawPath, stat: FileStat, type: FileType, mimeType: String?,
                failure: ExtractionFailure?, contentHash: [UInt8]? = nil) {
        self.rootID = rootID
        self.path = path
        self.stat = stat
        self.type = type
        self.mimeType = mimeType
        self.failure = failure
        self.contentHash = contentHash
    }

    /// A partial document is indexed; its problem is still recorded for admins.
    var state: FileState {
        guard let failure else { return .indexed }
        return failure.kind == .partial ? .indexed : .failed
    }
}
