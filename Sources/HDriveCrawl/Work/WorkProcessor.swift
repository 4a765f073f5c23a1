#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HDriveCore
import HDriveIndex
import Logging

/// Drains the persistent work queue: stats each queued path, extracts what changed on a bounded
/// pool of threads, and commits the documents together with the removal of their queue rows, so
/// a crash (kill -9) neither loses queued work nor repeats committed work.
///
/// Batches are pipelined: while one commits on its own thread, the next is extracted, and the
/// one after that is planned (catalog lookups) on a third thread, once the commit lets go of
/// the store's lock. While a backlog lasts, batches grow (`BatchSizer`).
final class WorkProcessor: @unchecked Sendable {
    private let store: IndexStore
    private let storeLock: NSLock
    private let configuration: CrawlConfiguration
    private let extractor: any ContentExtracting
    private let logger: Logger

    init(store: IndexStore, storeLock: NSLock, configuration: CrawlConfiguration, extractor: any ContentExtracting,
         logger: Logger) {
        self.store = store
        self.storeLock = storeLock
        self.configuration = configuration
        self.extractor = extractor
        self.logger = logger
    }

    private struct Key: Hashable { var rootID: Int64; var path: RawPath }

    /// Works until no queued path is ready (or, with `waitForRetries`, until none is left).
    /// `moreComing`: a walk is still queueing paths (a first crawl drained during its walk); while
    /// it is, a queue that runs short is waited for instead of ending the drain.
    func drain(rootID: Int64?, roots: [Int64: RootConfiguration], upTo: WorkPriority = .firstCrawl, waitForRetries: Bool,
               moreComing: @escaping @Sendable () -> Bool = { false }, shouldStop: () -> Bool) throws -> CrawlSummary {
        var summary = CrawlSummary()
        let committer = BatchCommitter(store: store, storeLock: storeLock)
        // Whatever ends the drain, the store is not left in use by a commit.
        defer { try? committer.wait() }
        /// Extracted, not yet committing; its paths are still queued, so they are not planned again.
        var pending: (batch: IndexBatch, keys: Set<Key>)?
        var sizer = BatchSizer(base: configuration.batchMaxFiles)
        /// The batch after the one being extracted, planned meanwhile on a thread of its own.
        var ahead: PlanningAhead?
        // Whatever ends the drain, a batch planned ahead is done with the store.
        defer { _ = try? ahead?.wait() }
        while true {
            try committer.wait()
            if shouldStop() { break }
            let excluded = pending?.keys ?? []
            let planned = try ahead?.wait()
                ?? planBatch(rootID: rootID, roots: roots, upTo: upTo, limit: sizer.current, excluded: excluded, moreComing: moreComing)
            ahead = nil
            let (items, now) = (planned.items, planned.now)
            // A walk that has not caught up is no sign that the backlog is over.
            sizer.record(fetched: items.count, asked: planned.asked, backlogGoesOn: moreComing())
            if let previous = pending {
                committer.start(previous.batch)
                pending = nil
                // Its commit may make retries due or leave nothing queued: look again after it.
                if items.isEmpty { continue }
            }
            if items.isEmpty {
                if moreComing() { continue }  // planning waited, and the walk queued nothing meanwhile
                guard waitForRetries, let next = try storeLock.withLock({ try store.queueState(rootID: rootID) }).nextRetry,
                      next > now else { break }
                let until = min(next, now + 100_000_000)
                usleep(useconds_t(max(1000, (until - now) / 1000)))
                continue
            }
            let keys = Set(items.map { Key(rootID: $0.rootID, path: $0.path) })
            // The next batch is planned while this one is extracted. Planning reads the catalog
            // under the store's lock, so it starts once the commit in flight lets go; done
            // between batches, it left one core busy and the other idle (0.7 s of a 100,000-file
            // first crawl). It cannot see this batch or the committing one: their paths are left
            // out, as they were when planning came between them.
            if !shouldStop() {
                let limit = sizer.current, inFlight = keys.union(excluded)
                ahead = PlanningAhead { [self] in
                    try planBatch(rootID: rootID, roots: roots, upTo: upTo, limit: limit, excluded: inFlight, moreComing: moreComing)
                }
            }
            var assembler = BatchAssembler(roots: roots, configuration: configuration, extractor: extractor,
                                           preparer: planned.preparer, logger: logger)
            assembler.add(Array(zip(items, planned.plans)), shouldStop: shouldStop)
            summary.add(assembler.summary)
            var batch = assembler.batch
            // The commit in flight is not done: this thread would only wait for it, so it seals
            // the segment meanwhile instead of leaving that to the committer's thread.
            if committer.isBusy { batch.sealSegment() }
            pending = (batch, keys)
        }
        try committer.wait()
        if let pending { try storeLock.withLock { try store.commit(pending.batch) } }
        return summary
    }

    /// A batch's paths and what each needs, with the preparer its documents take.
    private struct Planned: Sendable {
        var now: Int64
        /// How many paths planning asked for: fewer than the batch size at a backlog's end.
        var asked: Int
        var items: [WorkItem]
        var plans: [WorkPlan]
        var preparer: DocumentPreparer
    }

    /// Takes up to `limit` queued paths that are not `excluded` (in flight) and plans them.
    private func planBatch(rootID: Int64?, roots: [Int64: RootConfiguration], upTo: WorkPriority, limit: Int,
                           excluded: Set<Key>, moreComing: () -> Bool) throws -> Planned {
        var now = WallClock.nowNanoseconds()
        /// The paths to take, and how many queued paths are not in flight.
        func fetch() throws -> (items: [WorkItem], backlog: Int) {
            try storeLock.withLock {
                // Only paths in flight still queued count against the backlog: the batch that
                // was committing may be gone from the queue by now.
                var inFlight = 0
                let items = try store.nextWork(rootID: rootID, limit: limit, now: now, upTo: upTo, among: Array(roots.keys)) { root, path in
                    guard roots[root] != nil else { return true }
                    guard excluded.contains(Key(rootID: root, path: path)) else { return false }
                    inFlight += 1
                    return true
                }
                return (items, try store.queueState(rootID: rootID).count - inFlight)
            }
        }
        var (items, backlog) = try fetch()
        // While a walk still queues paths, a short batch waits a little for more. A walk held up
        // (its queueing waits for the store while a commit runs) let a first crawl's drain catch
        // up: its batches fell back to 1,000 files, and a merge rewrote their small segments.
        let waitUntil = now + Self.fillWait
        while items.count < limit && moreComing() && WallClock.nowNanoseconds() < waitUntil {
            usleep(50_000)
            now = WallClock.nowNanoseconds()
            (items, backlog) = try fetch()
        }
        let asked = moreComing() ? limit : BatchSizer.tapered(limit, backlog: backlog, base: configuration.batchMaxFiles)
        items = Array(items.prefix(asked))
        // File system calls outside the store lock: on a hung mount they may never return.
        let looks = items.map { look(at: $0, root: roots[$0.rootID]!) }
        let (plans, preparer) = try storeLock.withLock {
            try store.reading { (try zip(items, looks).map { try plan($0, look: $1) }, try store.preparer()) }
        }
        return Planned(now: now, asked: asked, items: items, plans: plans, preparer: preparer)
    }

    /// How long planning waits for a walk to queue a whole batch (nanoseconds).
    static let fillWait: Int64 = 2_000_000_000

    /// A batch planned on a thread of its own; `wait` returns it or throws what planning threw.
    private final class PlanningAhead: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written by the planning thread before it signals, read after the wait.
        private var result: Result<Planned, any Error>?
        /// Only the waiting thread reads and writes this.
        private var waited = false

        init(_ work: @escaping @Sendable () throws -> Planned) {
            Thread { [self] in
                Thread.current.name = "hdrive-plan"
                result = Result { try work() }
                done.signal()
            }.start()
        }

        func wait() throws -> Planned {
            if !waited {
                done.wait()
                waited = true
            }
            return try result!.get()
        }
    }

    /// What the file system says about a queued path.
    private enum Look {
        case found(stat, source: RawPath?)
        case failed(Errno.Code)
    }

    private func look(at item: WorkItem, root: RootConfiguration) -> Look {
        switch PathOpener.lstat(root: root.path, relative: item.path) {
        case .success(let found):
            if found.st_mode & S_IFMT == S_IFLNK, root.followSymlinks,
               let target = SymlinkResolver(root: root.path)?.resolve(link: root.path.appending(item.path)) {
                return .found(target.info, source: target.path)
            }
            return .found(found, source: nil)
        case .failure(let code):
            return .failed(code)
        }
    }

    /// Decides what a queued path needs, from its stat and the catalog. Runs under the store lock.
    private func plan(_ item: WorkItem, look: Look) throws -> WorkPlan {
        let entry = try store.catalogEntry(rootID: item.rootID, path: item.path)
        let info: stat
        let source: RawPath?
        switch look {
        case .found(let found, let target):
            info = found
            source = target
        case .failed(let code) where code.value == ENOENT || code.value == ENOTDIR:
            return entry.map { .delete($0.fileID) } ?? .nothing
        case .failed(let code) where RetryPolicy.isTransient(code.value):
            return .retry(code.description)
        case .failed:
            // Not visible to us (permissions): keep what the catalog has.
            return .nothing
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return entry.map { .delete($0.fileID) } ?? .nothing }
        let stat = FileStat(info)
        if let entry, !stat.contentMayDiffer(from: entry.stat) { return .nothing }
        if info.st_nlink > 1 || source != nil,
           let twin = try store.hardLinkTwin(device: stat.device, inode: stat.inode, excluding: item.path, rootID: item.rootID),
           !stat.contentMayDiffer(from: twin.stat), let stored = try store.storedContent(fileID: twin.fileID) {
            return .copy(stat, stored)
        }
        return .extract(stat, source: source)
    }
}
