/// What an admin asks first: what is indexed, what failed, when it last ran.
public struct IndexStatus: Sendable, Codable {
    public struct Root: Sendable, Codable {
        public var name: String
        public var path: String
        public var displayPrefix: String?
        public var files: Int
        public var lastScanStarted: Int64?
        public var lastScanFinished: Int64?
        public var lastScanSummary: String?
        /// Health, mount and watch mode as the crawler last found them; nil before any scan.
        public var state: RootState?
        /// Paths waiting on the work queue.
        public var queued: Int = 0
    }

    public struct Failure: Sendable, Codable {
        public var root: String
        public var path: String
        public var kind: String
        public var message: String
    }

    public var dataDirectory: String
    public var schemaVersion: Int
    public var roots: [Root]
    public var files: Int
    public var documents: Int
    public var segments: Int
    public var deletedDocuments: Int
    public var byState: [String: Int]
    public var byType: [String: Int]
    public var failuresByKind: [String: Int]
    /// The most recent failures, newest first (at most 20).
    public var recentFailures: [Failure]
    public var databaseBytes: Int64
    /// Files whose content equals another file's, and the number of such groups.
    public var duplicateFiles = 0
    public var duplicateGroups = 0
}
