import HDriveCore

/// Changes that land together in one transaction: a crash loses at most one batch,
/// and a reader sees all of it or none of it.
public struct IndexBatch: Sendable {
    enum Operation: Sendable {
        case put(FileRecord, PreparedDocument)
        case delete(fileID: Int64)
        case move(fileID: Int64, FileRecord, PreparedDocument)
        case putDirectory(rootID: Int64, DirectoryRecord)
        case deleteDirectory(rootID: Int64, path: RawPath)
        case completeWork(rootID: Int64, path: RawPath, generation: Int64)
        case retryWork(rootID: Int64, path: RawPath, attempts: Int, notBefore: Int64, error: String)
    }

    private(set) var operations: [Operation] = []
    /// Bytes of text held by the batch, so callers can commit before memory grows.
    public private(set) var textBytes = 0
    /// The new segment, built as prepared documents are put (on the caller's thread, so the
    /// commit only writes it); nil once a document is left for the commit to analyze.
    private(set) var segment: SegmentBuilder? = SegmentBuilder()

    public init() {}

    public var count: Int { operations.count }

    /// The bodies the batch adds, for sampling a stored-text dictionary.
    var bodies: [String] {
        operations.flatMap { operation -> [String] in
            switch operation {
            case .put(_, let prepared), .move(_, _, let prepared): prepared.document.withMembers.map(\.body)
            default: []
            }
        }
    }
    public var isEmpty: Bool { operations.isEmpty }

    /// Adds or replaces the file at (root, path) and its document.
    public mutating func put(_ file: FileRecord, _ document: IndexableDocument) {
        put(file, PreparedDocument(unprepared: document))
    }

    /// Adds or replaces the file at (root, path) and its document, analyzed beforehand.
    public mutating func put(_ file: FileRecord, _ document: PreparedDocument) {
        textBytes += document.document.textBytes
        operations.append(.put(file, addToSegment(document)))
    }

    /// Sorts and encodes the new segment's posting lists now, on the caller's thread.
    public mutating func sealSegment() {
        segment?.seal()
    }

    /// The document without its analysis once that is in the segment: postings take less room.
    private mutating func addToSegment(_ document: PreparedDocument) -> PreparedDocument {
        guard segment != nil, let analyzed = document.analyzed else {
            segment = nil
            return document
        }
        for part in analyzed { _ = segment!.add(part) }
        return PreparedDocument(document.document, analyzed: nil, bodies: document.bodies)
    }

    /// Removes a file and its document.
    public mutating func delete(fileID: Int64) {
        operations.append(.delete(fileID: fileID))
    }

    /// Gives a file a new path (a rename or move) and re-indexes its document under it, keeping
    /// the file's id, type and failure record; the text comes from the caller (no re-extraction).
    /// A file already at the new path is replaced.
    public mutating func move(fileID: Int64, to file: FileRecord, _ document: IndexableDocument) {
        textBytes += document.textBytes
        operations.append(.move(fileID: fileID, file, addToSegment(PreparedDocument(unprepared: document))))
    }

    /// Records (or updates) a directory's owner, group and mode.
    public mutating func putDirectory(rootID: Int64, _ directory: DirectoryRecord) {
        operations.append(.putDirectory(rootID: rootID, directory))
    }

    /// Forgets a directory's permissions (not those of its subdirectories).
    public mutating func deleteDirectory(rootID: Int64, path: RawPath) {
        operations.append(.deleteDirectory(rootID: rootID, path: path))
    }

    /// Takes a queued path off the work queue in the same transaction as the work it led to, so
    /// a crash never loses queued work nor repeats committed work; a path queued again since
    /// `item` was read stays queued, as its newer change may not be in this work.
    public mutating func completeWork(_ item: WorkItem) {
        operations.append(.completeWork(rootID: item.rootID, path: item.path, generation: item.generation))
    }

    /// Leaves a path on the queue, to be tried again no earlier than `notBefore` (unix ns).
    public mutating func retryWork(rootID: Int64, path: RawPath, attempts: Int, notBefore: Int64, error: String) {
        operations.append(.retryWork(rootID: rootID, path: path, attempts: attempts, notBefore: notBefore, error: error))
    }
}
