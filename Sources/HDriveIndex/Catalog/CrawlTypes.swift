import HDriveCore

/// A directory's owner, group and mode: with those of its ancestors, who may reach its files.
public struct DirectoryRecord: Sendable, Equatable {
    /// Relative to the root; empty for the root itself.
    public var path: RawPath
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32

    public init(path: RawPath, mode: UInt32, uid: UInt32, gid: UInt32) {
        self.path = path
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }
}

/// Why a path is on the work queue; lower raw values are served first.
public enum WorkPriority: Int, Sendable, Comparable, CaseIterable {
    /// Someone just saved it: a person may be waiting to find it.
    case live = 0
    /// Found changed by a rescan.
    case rescan = 1
    /// Part of a root's first crawl, which may take hours and must not delay the above.
    case firstCrawl = 2

    public static func < (lhs: WorkPriority, rhs: WorkPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One path waiting to be (re)indexed.
public struct WorkItem: Sendable, Equatable {
    public var rootID: Int64
    public var path: RawPath
    public var priority: WorkPriority
    /// Tries so far that hit a transient error.
    public var attempts: Int
    /// How often the path was queued again before this item was read (see `IndexBatch.completeWork`).
    public var generation: Int64

    public init(rootID: Int64, path: RawPath, priority: WorkPriority, attempts: Int = 0, generation: Int64 = 0) {
        self.rootID = rootID
        self.path = path
        self.priority = priority
        self.attempts = attempts
        self.generation = generation
    }
}

/// What the crawler last learned about a root's mount and health.
public struct RootState: Sendable, Equatable, Codable {
    public var available: Bool
    public var reason: String?
    public var fsType: String?
    public var mountPoint: String?
    /// A network or FUSE file system: other clients' changes are invisible to inotify.
    public var network: Bool
    /// How live changes are seen ("inotify", "rescans only", ...).
    public var watch: String?
    public var checkedAt: Int64?
    /// Deletions found by a scan and held until a second scan confirms them.
    public var heldDeletions: Int
    public var heldAt: Int64?

    public init(available: Bool, reason: String? = nil, fsType: String? = nil, mountPoint: String? = nil,
                network: Bool = false, watch: String? = nil, checkedAt: Int64? = nil,
                heldDeletions: Int = 0, heldAt: Int64? = nil) {
        self.available = available
        self.reason = reason
        self.fsType = fsType
        self.mountPoint = mountPoint
        self.network = network
        self.watch = watch
        self.checkedAt = checkedAt
        self.heldDeletions = heldDeletions
        self.heldAt = heldAt
    }
}

/// What was extracted from a file, as stored: enough to re-index it under another path.
public struct StoredContent: Sendable {
    public var title: String?
    public var body: String
    public var metadataJSON: String?
    public var type: FileType
    public var mimeType: String?
    public var failure: ExtractionFailure?
    public var contentHash: [UInt8]?
    /// The documents of the file's archive members or attachments, in their original order.
    public var members: [StoredMember] = []
}

/// One member document as stored.
public struct StoredMember: Sendable {
    public var path: String
    public var type: FileType
    public var failureKind: String?
    public var title: String?
    public var body: String
    public var metadataJSON: String?
}
