/// What one pass over the roots did, for the CLI's summary, the logs and `status`.
public struct CrawlSummary: Sendable, Codable, Equatable {
    /// Regular files found.
    public var seen = 0
    /// Files whose content was read and indexed (new or changed).
    public var indexed = 0
    /// Files whose (size, mtime, ctime, inode) matched the catalog: not read again.
    public var unchanged = 0
    /// Files read but not understood; their names stay searchable.
    public var failed = 0
    public var deleted = 0
    public var excluded = 0
    public var unreadableDirectories = 0
    /// Roots that were not scanned because they looked unavailable; their documents are kept.
    public var unavailableRoots: [String] = []
    public var seconds = 0.0
    /// The pass was interrupted (SIGTERM); what it committed stays, deletions were not applied.
    public var stopped = false

    public init() {}

    public var filesPerSecond: Double { seconds > 0 ? Double(seen) / seconds : 0 }

    mutating func add(_ other: CrawlSummary) {
        seen += other.seen
        indexed += other.indexed
        unchanged += other.unchanged
        failed += other.failed
        deleted += other.deleted
        excluded += other.excluded
        unreadableDirectories += other.unreadableDirectories
        unavailableRoots += other.unavailableRoots
        stopped = stopped || other.stopped
    }
}
