import HDriveCore

/// What to crawl and how hard to work at it.
public struct CrawlConfiguration: Sendable {
    public var roots: [RootConfiguration]
    /// Globs excluded under every root (matched against each name, or against the relative
    /// path when the glob holds a "/"), case-insensitively as Windows clients see names.
    public var excludes: [String]
    /// Threads extracting at once; extraction is CPU-bound, so about one per core.
    public var extractionThreads: Int
    /// Directories listed at once by the walker (network round trips overlap).
    public var walkThreads: Int
    /// A batch commits once it holds this many files...
    public var batchMaxFiles: Int
    /// ...or this many bytes of text, whichever comes first.
    public var batchMaxTextBytes: Int
    /// When a scan's deletions are held for a second scan to confirm.
    public var massDelete: MassDeletePolicy
    /// Apply held mass deletions at once (`hdrive index --allow-mass-delete`).
    public var allowMassDelete: Bool
    /// Retries of files that hit transient I/O errors.
    public var retry: RetryPolicy
    /// Quiet time after a file's last change before it is indexed (live changes).
    public var quietPeriod: Duration
    /// A root whose walk lists no directory for this long is given up as not responding (a
    /// hung network mount); nil waits forever.
    public var stallTimeout: Duration?

    public static let defaultExcludes = ["~$*", "*.tmp", "Thumbs.db", "desktop.ini", ".DS_Store", ".snapshot",
                                         "$RECYCLE.BIN", "System Volume Information", ".git", ".svn", ".Trash-*"]

    public init(roots: [RootConfiguration], excludes: [String] = CrawlConfiguration.defaultExcludes,
                extractionThreads: Int = 2, walkThreads: Int = 8, batchMaxFiles: Int = 1000,
                batchMaxTextBytes: Int = 64 * 1024 * 1024, massDelete: MassDeletePolicy = MassDeletePolicy(),
                allowMassDelete: Bool = false, retry: RetryPolicy = RetryPolicy(),
                quietPeriod: Duration = .milliseconds(300), stallTimeout: Duration? = .seconds(60)) {
        self.roots = roots
        self.excludes = excludes
        self.extractionThreads = max(1, extractionThreads)
        self.walkThreads = max(1, walkThreads)
        self.batchMaxFiles = max(1, batchMaxFiles)
        self.batchMaxTextBytes = max(1024, batchMaxTextBytes)
        self.massDelete = massDelete
        self.allowMassDelete = allowMassDelete
        self.retry = retry
        self.quietPeriod = quietPeriod
        self.stallTimeout = stallTimeout
    }
}

/// One share to index.
public struct RootConfiguration: Sendable, Equatable {
    /// A short stable name ("h", "projects"); the catalog keys the root's files by it.
    public var name: String
    /// Absolute path of the share's top directory.
    public var path: RawPath
    /// Shown to people instead of `path`, e.g. `\\fileserver\h$`.
    public var displayPrefix: String?
    /// Globs excluded under this root, in addition to the global ones.
    public var excludes: [String]
    /// A file system is mounted at `path`: when the directory is on its parent's device
    /// (the share is not mounted), the root is unavailable and keeps its documents.
    public var mountPoint: Bool
    /// A file that must exist in the root for it to count as present (e.g. `.hdrive-online`).
    public var sentinel: String?
    /// Rescans of this root; nil uses the daemon's interval, zero turns them off. Network
    /// shares rely on them: inotify cannot see other clients' changes there.
    public var rescanInterval: Duration?
    public var followSymlinks: Bool
    /// Stay on the root's file system (skip mounts below it).
    public var sameFileSystem: Bool

    public init(name: String, path: RawPath, displayPrefix: String? = nil, excludes: [String] = [],
                mountPoint: Bool = false, sentinel: String? = nil, rescanInterval: Duration? = nil,
                followSymlinks: Bool = false, sameFileSystem: Bool = false) {
        self.name = name
        self.path = path
        self.displayPrefix = displayPrefix
        self.excludes = excludes
        self.mountPoint = mountPoint
        self.sentinel = sentinel
        self.rescanInterval = rescanInterval
        self.followSymlinks = followSymlinks
        self.sameFileSystem = sameFileSystem
    }
}
