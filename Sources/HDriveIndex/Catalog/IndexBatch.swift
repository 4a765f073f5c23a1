import HDriveCore

/// Changes that land together in one transaction: a crash loses at most one batch,
/// and a reader sees all of it or none of it.
public struct IndexBatch: Sendable {
    enum Operation: Sendable {
        case put(FileRecord, IndexableDocument)
        case delete(fileID: Int64)
    }

    private(set) var operations: [Operation] = []
    /// Bytes of text held by the batch, so callers can commit before memory grows.
    public private(set) var textBytes = 0

    public init() {}

    public var count: Int { operations.count }
    public var isEmpty: Bool { operations.isEmpty }

    /// Adds or replaces the file at (root, path) and its document.
    public mutating func put(_ file: FileRecord, _ document: IndexableDocument) {
        textBytes += document.body.utf8.count
        operations.append(.put(file, document))
    }

    /// Removes a file and its document.
    public mutating func delete(fileID: Int64) {
        operations.append(.delete(fileID: fileID))
    }
}
