import HDriveCore
import HDriveIndex

/// A regular file found under a root.
public struct WalkedFile: Sendable {
    public var relativePath: RawPath
    public var stat: FileStat
    /// Hard links: more than one path names this (device, inode).
    public var linkCount: Int
}

/// One directory's worth of a walk, delivered to the caller one at a time. A directory that is
/// not entered (another file system, a second visit through a link) comes empty.
struct DirectoryListing {
    /// The directory listed, relative to the root.
    var path: RawPath
    var files: [WalkedFile]
    /// Owner, group and mode of each subdirectory (readable or not).
    var subdirectories: [DirectoryRecord]
    /// Some of the directory's files, handed over while it is still being listed (see
    /// `WalkOptions.filesInParts`); its last listing, not a part, holds the rest.
    var isPart = false
}

/// How a root is walked.
public struct WalkOptions: Sendable, Equatable {
    /// Directories listed at once. On a network share every stat is a round trip, so
    /// concurrency, not CPU, sets the speed.
    public var threads: Int
    /// Follow symbolic links to files (never out of the root); links to directories are not
    /// entered, since their directories are walked under their own paths.
    public var followSymlinks: Bool
    /// Do not descend into other file systems mounted below the root.
    public var sameFileSystem: Bool

    /// A walk with no directory listed for this long is given up (a hung network mount
    /// blocks stat and open forever); nil waits as long as it takes.
    public var stallTimeout: Duration?

    /// Hand a directory's files over in parts of this many while it is listed, not all at
    /// its end: a first crawl queues them at once, so extraction need not wait for a folder of
    /// 100,000 files to be listed. Nil: whole listings, which a rescan compares with the catalog.
    public var filesInParts: Int?

    public init(threads: Int = 8, followSymlinks: Bool = false, sameFileSystem: Bool = false, stallTimeout: Duration? = nil,
                filesInParts: Int? = nil) {
        self.filesInParts = filesInParts.map { max(1, $0) }
        self.threads = max(1, threads)
        self.followSymlinks = followSymlinks
        self.sameFileSystem = sameFileSystem
        self.stallTimeout = stallTimeout
    }
}

/// What a walk could not see; deletions are never inferred under these directories.
public struct WalkReport: Sendable {
    /// Directories that could not be opened, listed or searched, with the reason.
    public var unreadableDirectories: [(path: RawPath, reason: String)] = []
    public var skippedSymlinks = 0
    public var skippedSpecialFiles = 0
    /// Directories not entered because they are on another file system (`sameFileSystem`).
    public var otherFileSystems = 0
    public var excluded = 0
    public var directories = 0
    /// The root directory's own permissions and identity.
    public var root: FileStat?
    /// The walk was asked to stop before it finished.
    public var stopped = false
}
