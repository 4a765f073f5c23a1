/// What one pass over the roots did, for the CLI's summary, the logs and `status`.
public struct CrawlSummary: Sendable, Codable, Equatable {
    /// Regular files found.
    public var seen = 0
    /// Files whose content was read and indexed (new or changed), or shared from a hard link.
    public var indexed = 0
    /// Files whose (size, mtime, ctime, inode) matched the catalog: not read again.
    public var unchanged = 0
    /// Files read but not understood; their names stay searchable.
    public var failed = 0
    public var deleted = 0
    /// Files found under a new path (rename, move): re-indexed there from their stored text.
    public var moved = 0
    /// Hard links whose text was shared with another path of the same file.
    public var linked = 0
    /// Tries that hit a transient I/O error and were put back on the queue.
    public var retried = 0
    /// Deletions held back as a suspected mass deletion, until a second scan confirms them.
    public var heldDeletions = 0
    public var excluded = 0
    public var unreadableDirectories = 0
    /// Roots that were not scanned because they looked unavailable; their documents are kept.
    public var unavailableRoots: [String] = []
    public var seconds = 0.0
    /// The pass was interrupted (SIGTERM); what it committed stays, deletions were not applied.
    public var stopped = false

    public init() {}

    public var filesPerSecond: Double { seconds > 0 ? Double(seen) / seconds : 0 }

    public mutating func add(_ other: CrawlSummary) {
        seen += other.seen
        indexed += other.indexed
        unchanged += other.unchanged
        failed += other.failed
        deleted += other.deleted
        moved += other.moved
        linked += other.linked
        retried += other.retried
        heldDeletions += other.heldDeletions
        excluded += other.excluded
        unreadableDirectories += other.unreadableDirectories
        unavailableRoots += other.unavailableRoots
        stopped = stopped || other.stopped
    }

    enum CodingKeys: String, CodingKey {
        case seen, indexed, unchanged, failed, deleted, moved, linked, retried, heldDeletions, excluded
        case unreadableDirectories, unavailableRoots, seconds, stopped
    }

    /// Summaries stored by older versions lack the newer counts.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func int(_ key: CodingKeys) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        seen = try int(.seen); indexed = try int(.indexed); unchanged = try int(.unchanged)
        failed = try int(.failed); deleted = try int(.deleted); moved = try int(.moved)
        linked = try int(.linked); retried = try int(.retried); heldDeletions = try int(.heldDeletions)
        excluded = try int(.excluded); unreadableDirectories = try int(.unreadableDirectories)
        unavailableRoots = try c.decodeIfPresent([String].self, forKey: .unavailableRoots) ?? []
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
        stopped = try c.decodeIfPresent(Bool.self, forKey: .stopped) ?? false
    }
}
