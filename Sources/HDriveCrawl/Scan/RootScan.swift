#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HDriveCore
import HDriveIndex
import Logging

/// One scan of a root (or of one subtree of it): checks the root's health, walks it, and turns
/// the differences with the catalog into queued work, moves, permission updates and deletions.
///
/// Each listed directory is compared with its own catalog rows, read in path order by range
/// (the gaps between its subdirectories' subtrees), so memory does not grow with the root.
/// The store is taken for one short step at a time, so live changes are indexed while a long
/// walk goes on; moves and deletions are checked against the catalog again when applied.
/// Extraction happens later, when the queue is drained.
final class RootScan {
    let root: RootConfiguration
    let rootID: Int64
    let configuration: CrawlConfiguration
    let logger: Logger
    /// Relative directory to scan; empty for the whole root.
    let scope: RawPath
    private let store: IndexStore
    private let storeLock: NSLock
    private let stuck: StuckRoots
    /// Priority of what the scan queues; nil: by the catalog (a first crawl, or a rescan).
    private let queuePriority: WorkPriority?
    /// Called with each directory before it is compared (tests slow a walk down with it).
    var beforeCompare: ((RawPath) -> Void)?

    private var summary = CrawlSummary()
    /// Catalog rows not found by the walk so far.
    private var missing: [RawPath: CatalogEntry] = [:]
    private var knownDirectories: [RawPath: DirectoryRecord] = [:]
    private var directoryBatch = IndexBatch()
    private var toQueue: [WorkItem] = []
    private var newFiles: [WalkedFile] = []
    private var priority = WorkPriority.rescan
    private var catalogWasEmpty = false
    private var ranges: CatalogRangeReader?
    private let failureLock = NSLock()
    private var failure: (any Error)?

    init(root: RootConfiguration, rootID: Int64, configuration: CrawlConfiguration, store: IndexStore, storeLock: NSLock,
         stuck: StuckRoots, logger: Logger, scope: RawPath = RawPath(bytes: []), priority: WorkPriority? = nil) {
        self.root = root
        self.rootID = rootID
        self.configuration = configuration
        self.store = store
        self.storeLock = storeLock
        self.stuck = stuck
        self.logger = logger
        self.scope = scope
        self.queuePriority = priority
    }

    private func locked<T>(_ body: (IndexStore) throws -> T) throws -> T {
        try storeLock.withLock { try body(store) }
    }

    func run(shouldStop: @escaping () -> Bool) throws -> CrawlSummary {
        if stuck.contains(root.name) {
            return try unavailable("not responding: an earlier scan is still waiting for it", probe: nil)
        }
        guard let before = probe() else { return try notResponding() }
        if case .unavailable(let reason) = before.verdict { return try unavailable(reason, probe: before) }
        catalogWasEmpty = try !locked { try $0.hasFiles(rootID: rootID, under: scope) }
        knownDirectories = try locked { try $0.directories(rootID: rootID, under: scope) }
        priority = queuePriority ?? (catalogWasEmpty && scope.isEmpty ? .firstCrawl : .rescan)
        if !catalogWasEmpty { ranges = try locked { try $0.catalogRanges(rootID: rootID) } }
        defer { ranges = nil }
        let started = WallClock.nowNanoseconds()
        if scope.isEmpty { try locked { try $0.markScanStarted(rootID: rootID, at: started) } }

        let walker = ParallelWalker(root: root.path, excludes: ExcludeMatcher(configuration.excludes + root.excludes),
                                    options: WalkOptions(threads: configuration.walkThreads, followSymlinks: root.followSymlinks,
                                                         sameFileSystem: root.sameFileSystem,
                                                         stallTimeout: configuration.stallTimeout,
                                                         filesInParts: ranges == nil ? Self.queuedAtOnce : nil))
        let report: WalkReport
        do {
            report = try walker.walk(scope: scope, shouldStop: { shouldStop() || self.failed }) { listing in
                self.take(listing)
            }
        } catch let stalled as ParallelWalker.Stalled {
            walker.whenThreadsExit(stuck.mark(root.name))
            try flush()
            return try unavailable(stalled.description, probe: before)
        } catch {
            return try unavailable("\(error)", probe: before)
        }
        if let failure = failureLock.withLock({ failure }) { throw failure }
        if scope.isEmpty, let rootStat = report.root {
            noteDirectory(DirectoryRecord(path: RawPath(bytes: []), mode: rootStat.mode, uid: rootStat.uid, gid: rootStat.gid))
        }
        summary.excluded = report.excluded
        summary.unreadableDirectories = report.unreadableDirectories.count
        for (path, reason) in report.unreadableDirectories {
            logger.warning("directory not readable; its files are kept", metadata: ["crawl.path": "\(path)", "crawl.error": "\(reason)"])
        }
        summary.stopped = report.stopped || shouldStop()
        if summary.stopped {
            toQueue += newFiles.map { WorkItem(rootID: rootID, path: $0.relativePath, priority: priority) }
            try flush()
            return summary
        }

        // The mount may have gone while we walked (umount -l keeps our descriptors working).
        guard let after = probe() else {
            try flush()
            return try notResponding()
        }
        if after.verdict != .healthy || after.identity != before.identity {
            try flush()
            if case .unavailable(let reason) = after.verdict { return try unavailable(reason, probe: after) }
            return try unavailable("the root changed identity during the scan (remounted?)", probe: after)
        }
        let hidden = report.unreadableDirectories.map(\.path)
        let gone = missing.filter { path, _ in !hidden.contains { path.isInside($0) } }
        missing = [:]
        let (moves, unmatched) = try MoveMatcher.match(
            new: newFiles, missing: gone,
            hashOfNew: { ContentHasher.hash(root: root.path, relative: $0.relativePath, maxSize: Int64.max) },
            hashesOfMissing: { ids in try locked { try $0.contentHashes(fileIDs: ids) } })
        newFiles = []
        toQueue += unmatched.map { WorkItem(rootID: rootID, path: $0.relativePath, priority: priority) }
        var deletions = gone
        for move in moves { deletions.removeValue(forKey: move.entry.path) }
        for entry in try applyMoves(moves, scanStarted: started) { deletions[entry.path] = entry }
        try flush()
        let held = try applyDeletions(deletions, hidden: hidden, scanStarted: started)
        try flush()
        try saveState(probe: after) { state in
            state.available = true
            state.reason = nil
            if let held {
                state.heldDeletions = held
                state.heldAt = WallClock.nowNanoseconds()
            } else if !self.summary.unavailableRoots.contains(self.root.name) {
                state.heldDeletions = 0
                state.heldAt = nil
            }
        }
        return summary
    }

    private var failed: Bool { failureLock.withLock { failure != nil } }

    /// The root's health, or nil when the probe did not return within the stall timeout.
    private func probe() -> RootProbe.Finding? {
        let root = self.root
        switch Deadline.run(configuration.stallTimeout, { RootProbe(root: root).probe() }) {
        case .finished(let finding): return finding
        case .timedOut(let straggler):
            straggler.whenFinished(stuck.mark(root.name))
            return nil
        }
    }

    /// Paths queued in one transaction.
    static let queuedAtOnce = 4096

    /// One listing, compared with the catalog; listings come one at a time. Parts of a
    /// directory's files come only when there is no catalog to compare with.
    private func take(_ listing: DirectoryListing) {
        guard !failed else { return }
        precondition(!listing.isPart || ranges == nil, "a listing compared with the catalog comes whole")
        if !listing.isPart { beforeCompare?(listing.path) }
        summary.seen += listing.files.count
        for directory in listing.subdirectories { noteDirectory(directory) }
        do {
            if let ranges {
                try compare(listing, ranges)
            } else {
                // The walk hands a huge folder over in parts of `queuedAtOnce`: each is queued at
                // once, so that a first crawl's drain starts on it early.
                toQueue += listing.files.map { WorkItem(rootID: rootID, path: $0.relativePath, priority: priority) }
            }
            if toQueue.count >= Self.queuedAtOnce || directoryBatch.count >= configuration.batchMaxFiles { try flush() }
        } catch {
            failureLock.withLock { failure = error }
        }
    }

    /// Merges the directory's files, sorted as SQLite orders BLOBs (memcmp), with its catalog rows.
    private func compare(_ listing: DirectoryListing, _ ranges: CatalogRangeReader) throws {
        let files = listing.files.sorted { Self.bytewise($0.relativePath.bytes, $1.relativePath.bytes) }
        var next = 0
        try locked { _ in
            for range in Self.childRanges(of: listing.path, subdirectories: listing.subdirectories.map(\.path)) {
                try ranges.forEach(from: range.lower, below: range.upper) { row in
                    var order = 1
                    while next < files.count {
                        order = row.comparePath(files[next].relativePath.bytes)
                        guard order > 0 else { break }
                        newFiles.append(files[next])  // a candidate move: matched once we know what vanished
                        next += 1
                    }
                    if next < files.count && order == 0 {
                        if files[next].stat.contentMayDiffer(from: row.stat) {
                            toQueue.append(WorkItem(rootID: rootID, path: files[next].relativePath, priority: priority))
                        } else {
                            summary.unchanged += 1
                        }
                        next += 1
                    } else {
                        let entry = row.entry
                        missing[entry.path] = entry
                    }
                }
            }
        }
        newFiles += files[next...]
    }

    static func bytewise(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.withUnsafeBytes { a in
            right.withUnsafeBytes { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }

    /// The catalog ranges holding `directory`'s own files: everything below it except the
    /// subtrees of the subdirectories being walked (each compared by its own listing). Rows in
    /// these ranges below a deeper path belong to directories that are gone, excluded or not
    /// entered, and count as missing like the directory's own vanished files.
    static func childRanges(of directory: RawPath, subdirectories: [RawPath]) -> [(lower: [UInt8], upper: [UInt8]?)] {
        let separator = RawPath.separator
        var lower = directory.isEmpty ? [] : directory.bytes + [separator]
        let end: [UInt8]? = directory.isEmpty ? nil : directory.bytes + [separator + 1]
        var result: [(lower: [UInt8], upper: [UInt8]?)] = []
        // Ordered by "name/", not by name: "a.d/" comes before "a/".
        for hole in subdirectories.map({ $0.bytes + [separator] }).sorted(by: bytewise) {
            if bytewise(lower, hole) { result.append((lower, hole)) }
            lower = hole
            lower[lower.count - 1] = separator + 1
        }
        if let end {
            if bytewise(lower, end) { result.append((lower, end)) }
        } else {
            result.append((lower, nil))
        }
        return result
    }

    private func noteDirectory(_ directory: DirectoryRecord) {
        if knownDirectories.removeValue(forKey: directory.path) != directory {
            directoryBatch.putDirectory(rootID: rootID, directory)
        }
    }

    /// Queues what the scan found changed and records directory permissions.
    private func flush() throws {
        let items = toQueue
        let batch = directoryBatch
        toQueue.removeAll(keepingCapacity: true)
        directoryBatch = IndexBatch()
        try locked { store in
            try store.enqueue(items)
            try store.commit(batch)
        }
    }

    /// True when the row at `entry.path` is still the one the walk compared, and was not
    /// written after the scan started (by a live change the walk may have missed).
    private func unchanged(_ entry: CatalogEntry, since scanStarted: Int64, in store: IndexStore) throws -> Bool {
        guard let current = try store.catalogEntry(rootID: rootID, path: entry.path),
              current.fileID == entry.fileID, current.stat == entry.stat else { return false }
        return try store.indexedAt(fileID: entry.fileID).map { $0 < scanStarted } ?? false
    }

    /// Re-keys moved files; returns the entries whose move no longer applies (left to deletion).
    private func applyMoves(_ moves: [MoveMatcher.Move], scanStarted: Int64) throws -> [CatalogEntry] {
        var notMoved: [CatalogEntry] = []
        for chunk in stride(from: 0, to: moves.count, by: 256).map({ moves[$0..<min($0 + 256, moves.count)] }) {
            try locked { store in
                var batch = IndexBatch()
                for move in chunk {
                    guard try unchanged(move.entry, since: scanStarted, in: store),
                          try store.catalogEntry(rootID: rootID, path: move.file.relativePath) == nil,
                          let stored = try store.storedContent(fileID: move.entry.fileID) else {
                        notMoved.append(move.entry)
                        toQueue.append(WorkItem(rootID: rootID, path: move.file.relativePath, priority: priority))
                        continue
                    }
                    let (record, document) = DocumentBuilder.build(rootID: rootID, path: move.file.relativePath,
                                                                   stat: move.file.stat, stored: stored)
                    batch.move(fileID: move.entry.fileID, to: record, document)
                    summary.moved += 1
                    if batch.textBytes >= configuration.batchMaxTextBytes {
                        try store.commit(batch)
                        batch = IndexBatch()
                    }
                }
                try store.commit(batch)
            }
        }
        return notMoved
    }

    /// Deletes what vanished, unless that looks like an unmounted share or a mass deletion to
    /// hold; returns the count held, if held.
    private func applyDeletions(_ deletions: [RawPath: CatalogEntry], hidden: [RawPath], scanStarted: Int64) throws -> Int? {
        if summary.seen == 0 && !catalogWasEmpty && scope.isEmpty {
            // An empty share that had files is an unmounted share far more often than a wiped one.
            logger.warning("root is empty but the catalog holds files; keeping them", metadata: ["crawl.root": "\(root.name)"])
            summary.unavailableRoots.append(root.name)
            return nil
        }
        let (documents, held) = deletions.isEmpty ? (0, 0) : try locked { store in
            (try store.fileCount(rootID: rootID), try store.rootState(rootID: rootID)?.heldDeletions ?? 0)
        }
        let decision = configuration.massDelete.decide(deletions: deletions.count, documents: documents,
                                                       held: held, override: configuration.allowMassDelete)
        if case .hold(let count) = decision {
            logger.warning("holding a mass deletion until a second scan confirms it", metadata: [
                "crawl.root": "\(root.name)", "crawl.deletions": "\(count)", "crawl.documents": "\(documents)"])
            summary.heldDeletions = count
            return count
        }
        let entries = Array(deletions.values)
        for start in stride(from: 0, to: entries.count, by: 1024) {
            try locked { store in
                var batch = IndexBatch()
                for entry in entries[start..<min(start + 1024, entries.count)]
                where try unchanged(entry, since: scanStarted, in: store) {
                    batch.delete(fileID: entry.fileID)
                    summary.deleted += 1
                }
                try store.commit(batch)
            }
        }
        for path in knownDirectories.keys where !hidden.contains(where: { path.isInside($0) }) {
            directoryBatch.deleteDirectory(rootID: rootID, path: path)
        }
        return nil
    }

    private func notResponding() throws -> CrawlSummary {
        let seconds = configuration.stallTimeout.map { "\($0)" } ?? "ever"
        return try unavailable("not responding: the file system did not answer for \(seconds)", probe: nil)
    }

    private func unavailable(_ reason: String, probe: RootProbe.Finding?) throws -> CrawlSummary {
        logger.warning("root unavailable, its documents are kept", metadata: ["crawl.root": "\(root.name)", "crawl.error": "\(reason)"])
        try saveState(probe: probe) { state in
            state.available = false
            state.reason = reason
        }
        summary.unavailableRoots.append(root.name)
        return summary
    }

    /// Updates the root's recorded state in place: live indexing writes other fields of it meanwhile.
    private func saveState(probe: RootProbe.Finding?, _ update: (inout RootState) -> Void) throws {
        try locked { store in
            var state = try store.rootState(rootID: rootID) ?? RootState(available: true)
            if let probe {
                state.fsType = probe.mount?.fsType
                state.mountPoint = probe.mount?.mountPoint
                state.network = probe.kind.needsRescans
            }
            state.checkedAt = WallClock.nowNanoseconds()
            update(&state)
            try store.saveRootState(rootID: rootID, state)
        }
    }
}
