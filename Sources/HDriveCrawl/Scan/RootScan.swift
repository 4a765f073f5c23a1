import Foundation
import HDriveCore
import HDriveIndex
import Logging

/// One scan of a root (or of one subtree of it): checks the root's health, walks it, and turns
/// the differences with the catalog into queued work, moves, permission updates and deletions.
/// The caller holds the store lock; extraction happens later, when the queue is drained.
final class RootScan {
    let root: RootConfiguration
    let rootID: Int64
    let configuration: CrawlConfiguration
    let store: IndexStore
    let logger: Logger
    /// Relative directory to scan; empty for the whole root.
    let scope: RawPath

    private var summary = CrawlSummary()
    private var remaining: [RawPath: CatalogEntry] = [:]
    private var knownDirectories: [RawPath: DirectoryRecord] = [:]
    private var batch = IndexBatch()
    private var toQueue: [WorkItem] = []
    private var newFiles: [WalkedFile] = []
    private var priority = WorkPriority.rescan
    private var failure: (any Error)?

    init(root: RootConfiguration, rootID: Int64, configuration: CrawlConfiguration, store: IndexStore,
         logger: Logger, scope: RawPath = RawPath(bytes: [])) {
        self.root = root
        self.rootID = rootID
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.scope = scope
    }

    func run(shouldStop: @escaping () -> Bool) throws -> CrawlSummary {
        let before = RootProbe(root: root).probe()
        var state = try store.rootState(rootID: rootID) ?? RootState(available: true)
        state.fsType = before.mount?.fsType
        state.mountPoint = before.mount?.mountPoint
        state.network = before.kind.needsRescans
        state.checkedAt = WallClock.nowNanoseconds()
        if case .unavailable(let reason) = before.verdict {
            return try unavailable(reason, state: &state)
        }
        remaining = try store.catalog(rootID: rootID, under: scope)
        let catalogCount = remaining.count
        knownDirectories = try store.directories(rootID: rootID, under: scope)
        priority = catalogCount == 0 && scope.isEmpty ? .firstCrawl : .rescan
        let fullScan = scope.isEmpty
        if fullScan { try store.markScanStarted(rootID: rootID, at: WallClock.nowNanoseconds()) }

        let walker = ParallelWalker(root: root.path, excludes: ExcludeMatcher(configuration.excludes + root.excludes),
                                    options: WalkOptions(threads: configuration.walkThreads, followSymlinks: root.followSymlinks,
                                                         sameFileSystem: root.sameFileSystem))
        let report: WalkReport
        do {
            report = try walker.walk(scope: scope, shouldStop: { [unowned self] in shouldStop() || failure != nil }) { [unowned self] listing in
                self.take(listing, catalogWasEmpty: catalogCount == 0)
            }
        } catch {
            return try unavailable("\(error)", state: &state)
        }
        if let failure { throw failure }
        if fullScan, let rootStat = report.root {
            noteDirectory(DirectoryRecord(path: RawPath(bytes: []), mode: rootStat.mode, uid: rootStat.uid, gid: rootStat.gid))
        }
        summary.excluded = report.excluded
        summary.unreadableDirectories = report.unreadableDirectories.count
        for (path, reason) in report.unreadableDirectories {
            logger.warning("directory not readable; its files are kept", metadata: ["crawl.path": "\(path)", "crawl.error": "\(reason)"])
        }
        summary.stopped = report.stopped || shouldStop()
        if summary.stopped {
            try store.enqueue(toQueue + newFiles.map { WorkItem(rootID: rootID, path: $0.relativePath, priority: priority) })
            try store.commit(batch)
            return summary
        }

        // The mount may have gone while we walked (umount -l keeps our descriptors working).
        let after = RootProbe(root: root).probe()
        if after.verdict != .healthy || after.identity != before.identity {
            try store.enqueue(toQueue)
            try store.commit(batch)
            if case .unavailable(let reason) = after.verdict { return try unavailable(reason, state: &state) }
            return try unavailable("the root changed identity during the scan (remounted?)", state: &state)
        }
        let hidden = report.unreadableDirectories.map(\.path)
        let missing = remaining.filter { path, _ in !hidden.contains { path.isInside($0) } }
        let (moves, unmatched) = try MoveMatcher.match(
            new: newFiles, missing: missing,
            hashOfNew: { ContentHasher.hash(root: root.path, relative: $0.relativePath, maxSize: Int64.max) },
            hashesOfMissing: { try store.contentHashes(fileIDs: $0) })
        toQueue += unmatched.map { WorkItem(rootID: rootID, path: $0.relativePath, priority: priority) }
        try store.enqueue(toQueue)
        var deletions = missing
        for move in moves {
            deletions.removeValue(forKey: move.entry.path)
            guard let stored = try store.storedContent(fileID: move.entry.fileID) else { continue }
            let (record, document) = DocumentBuilder.build(rootID: rootID, path: move.file.relativePath,
                                                           stat: move.file.stat, stored: stored)
            batch.move(fileID: move.entry.fileID, to: record, document)
            summary.moved += 1
            try commitIfFull()
        }
        try applyDeletions(deletions, catalogCount: catalogCount, hidden: hidden, state: &state)
        state.available = true
        state.reason = nil
        try store.saveRootState(rootID: rootID, state)
        try store.commit(batch)
        batch = IndexBatch()
        return summary
    }

    /// Runs under the walker's lock, one listing at a time.
    private func take(_ listing: DirectoryListing, catalogWasEmpty: Bool) {
        for file in listing.files {
            summary.seen += 1
            if let known = remaining.removeValue(forKey: file.relativePath) {
                if file.stat.contentMayDiffer(from: known.stat) {
                    toQueue.append(WorkItem(rootID: rootID, path: file.relativePath, priority: priority))
                } else {
                    summary.unchanged += 1
                }
            } else if catalogWasEmpty {
                toQueue.append(WorkItem(rootID: rootID, path: file.relativePath, priority: priority))
            } else {
                newFiles.append(file)  // a candidate move: matched once we know what vanished
            }
        }
        for directory in listing.subdirectories { noteDirectory(directory) }
        do {
            if toQueue.count >= 4096 {
                try store.enqueue(toQueue)
                toQueue.removeAll(keepingCapacity: true)
            }
            try commitIfFull()
        } catch {
            failure = error
        }
    }

    private func noteDirectory(_ directory: DirectoryRecord) {
        if knownDirectories.removeValue(forKey: directory.path) != directory {
            batch.putDirectory(rootID: rootID, directory)
        }
    }

    private func applyDeletions(_ deletions: [RawPath: CatalogEntry], catalogCount: Int, hidden: [RawPath],
                                state: inout RootState) throws {
        if summary.seen == 0 && catalogCount > 0 && scope.isEmpty {
            // An empty share that had files is an unmounted share far more often than a wiped one.
            logger.warning("root is empty but the catalog holds files; keeping them", metadata: ["crawl.root": "\(root.name)"])
            summary.unavailableRoots.append(root.name)
            return
        }
        let documents = scope.isEmpty ? catalogCount : try store.fileCount(rootID: rootID)
        let decision = configuration.massDelete.decide(deletions: deletions.count, documents: documents,
                                                       held: state.heldDeletions, override: configuration.allowMassDelete)
        if case .hold(let count) = decision {
            logger.warning("holding a mass deletion until a second scan confirms it", metadata: [
                "crawl.root": "\(root.name)", "crawl.deletions": "\(count)", "crawl.documents": "\(documents)"])
            state.heldDeletions = count
            state.heldAt = WallClock.nowNanoseconds()
            summary.heldDeletions = count
            return
        }
        state.heldDeletions = 0
        state.heldAt = nil
        for entry in deletions.values {
            batch.delete(fileID: entry.fileID)
            summary.deleted += 1
            try commitIfFull()
        }
        for path in knownDirectories.keys where !hidden.contains(where: { path.isInside($0) }) {
            batch.deleteDirectory(rootID: rootID, path: path)
        }
    }

    private func unavailable(_ reason: String, state: inout RootState) throws -> CrawlSummary {
        logger.warning("root unavailable, its documents are kept", metadata: ["crawl.root": "\(root.name)", "crawl.error": "\(reason)"])
        state.available = false
        state.reason = reason
        try store.saveRootState(rootID: rootID, state)
        summary.unavailableRoots.append(root.name)
        return summary
    }

    private func commitIfFull() throws {
        if batch.count >= configuration.batchMaxFiles || batch.textBytes >= configuration.batchMaxTextBytes {
            try store.commit(batch)
            batch = IndexBatch()
        }
    }
}
