import HDriveCore

/// What to crawl and how hard to work at it.
public struct CrawlConfiguration: Sendable {
    public var roots: [RootConfiguration]
    /// Globs excluded under every root (matched against each name, or against the relative
    /// path when the glob holds a "/"), case-insensitively as Windows clients see names.
    public var excludes: [String]
    /// Threads extracting at once; extraction is CPU-bound, so about one per core.
    public var extractionThreads: Int
    /// A batch commits once it holds this many files...
    public var batchMaxFiles: Int
    /// ...or this many bytes of text, whichever comes first.
    public var batchMaxTextBytes: Int

    public static let defaultExcludes = ["~$*", "*.tmp", "Thumbs.db", "desktop.ini", ".DS_Store", ".snapshot",
                                         "$RECYCLE.BIN", "System Volume Information", ".git", ".svn", ".Trash-*"]

    public init(roots: [RootConfiguration], excludes: [String] = CrawlConfiguration.defaultExcludes,
                extractionThreads: Int = 2, batchMaxFiles: Int = 1000, batchMaxTextBytes: Int = 64 * 1024 * 1024) {
        self.roots = roots
        self.excludes = excludes
        self.extractionThreads = max(1, extractionThreads)
        self.batchMaxFiles = max(1, batchMaxFiles)
        self.batchMaxTextBytes = max(1024, batchMaxTextBytes)
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

    public init(name: String, path: RawPath, displayPrefix: String? = nil, excludes: [String] = []) {
        self.name = name
        self.path = path
        self.displayPrefix = displayPrefix
        self.excludes = excludes
    }
}
