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
final class WorkProcessor: @unchecked Sendable {
    private let store: IndexStore
    private let storeLock: NSLock
    private let configuration: CrawlConfiguration
    private let extractor: any ContentExtracting
    private let logger: Logger
    /// Paths handed to the extraction threads at once: the pool's backpressure.
    private let chunkSize = 64

    init(store: IndexStore, storeLock: NSLock, configuration: CrawlConfiguration, extractor: any ContentExtracting,
         logger: Logger) {
        self.store = store
        self.storeLock = storeLock
        self.configuration = configuration
        self.extractor = extractor
        self.logger = logger
    }

    private enum Plan {
        case nothing
        case delete(Int64)
        case retry(String)
        case copy(FileStat, StoredContent)
        /// `source`: the absolute path to read when it is not the queued path (a followed symlink).
        case extract(FileStat, source: RawPath?)
    }

    private struct Key: Hashable { var rootID: Int64; var path: RawPath }

    /// Works until no queued path is ready (or, with `waitForRetries`, until none is left).
    func drain(rootID: Int64?, roots: [Int64: RootConfiguration], upTo: WorkPriority = .firstCrawl, waitForRetries: Bool,
               shouldStop: () -> Bool) throws -> CrawlSummary {
        var summary = CrawlSummary()
        var batch = IndexBatch()
        var inFlight = Set<Key>()
        /// Hard links extracted in this uncommitted batch, so the other paths can share the text.
        var linked: [DeviceInode: (ExtractionResult, [UInt8]?)] = [:]
        func commit() throws {
            try storeLock.withLock { try store.commit(batch) }
            batch = IndexBatch()
            inFlight.removeAll()
            linked.removeAll()
        }
        while !shouldStop() {
            let now = WallClock.nowNanoseconds()
            let items = try storeLock.withLock {
                try store.nextWork(rootID: rootID, limit: chunkSize + inFlight.count, now: now, upTo: upTo,
                                   among: Array(roots.keys))
            }.filter { roots[$0.rootID] != nil && !inFlight.contains(Key(rootID: $0.rootID, path: $0.path)) }.prefix(chunkSize)
            if items.isEmpty {
                try commit()
                guard waitForRetries, let next = try storeLock.withLock({ try store.queueState(rootID: rootID) }).nextRetry,
                      next > now else { break }
                let until = min(next, now + 100_000_000)
                usleep(useconds_t(max(1000, (until - now) / 1000)))
                continue
            }
            // File system calls outside the store lock: on a hung mount they may never return.
            let looks = items.map { look(at: $0, root: roots[$0.rootID]!) }
            let (plans, preparer) = try storeLock.withLock {
                (try zip(items, looks).map { try plan($0, look: $1) }, try store.preparer())
            }
            var toExtract: [(WorkItem, FileStat)] = []
            var sources: [RawPath?] = []
            /// Further paths of a file being extracted in this chunk: they take its result.
            var followers: [DeviceInode: [(WorkItem, FileStat)]] = [:]
            for (item, plan) in zip(items, plans) {
                inFlight.insert(Key(rootID: item.rootID, path: item.path))
                switch plan {
                case .nothing: batch.completeWork(rootID: item.rootID, path: item.path)
                case .delete(let fileID):
                    batch.delete(fileID: fileID)
                    batch.completeWork(rootID: item.rootID, path: item.path)
                    summary.deleted += 1
                case .retry(let reason): retryOrGiveUp(item, reason: reason, stat: nil, into: &batch, summary: &summary)
                case .copy(let stat, let stored):
                    let (record, document) = DocumentBuilder.build(rootID: item.rootID, path: item.path, stat: stat, stored: stored)
                    batch.put(record, document)
                    batch.completeWork(rootID: item.rootID, path: item.path)
                    summary.indexed += 1
                    summary.linked += 1
                case .extract(let stat, let source):
                    let identity = DeviceInode(device: stat.device, inode: stat.inode)
                    // Two paths of one file (hard or followed symbolic links): extract it once.
                    if let known = linked[identity] {
                        add(item, stat: stat, result: known.0, hash: known.1, into: &batch, summary: &summary)
                        summary.linked += 1
                    } else if toExtract.contains(where: { $0.1.device == stat.device && $0.1.inode == stat.inode }) {
                        followers[identity, default: []].append((item, stat))
                    } else {
                        toExtract.append((item, stat))
                        sources.append(source)
                    }
                }
            }
            let extractor = self.extractor
            let inputs = zip(toExtract, sources).map { ($0.0, roots[$0.0.0.rootID]!.path, $0.1) }
            // Each document is analyzed and deflated on the thread that extracted it, not in the commit.
            let results = ParallelExtraction.run(inputs, threads: configuration.extractionThreads) { work, root, source -> (ExtractionResult, [UInt8]?, Built?) in
                let (item, stat) = work
                let (result, hash) = Self.extract(extractor, root: root, path: item.path, source: source)
                if case .failure(let failure) = result, Self.isTransient(failure) { return (result, hash, nil) }
                let (record, document) = DocumentBuilder.build(rootID: item.rootID, path: item.path, stat: stat,
                                                               result: result, contentHash: hash)
                return (result, hash, Built(record: record, document: preparer.prepare(document)))
            }
            for ((item, stat), (result, hash, built)) in zip(toExtract, results) {
                if case .failure(let failure) = result, Self.isTransient(failure) {
                    retryOrGiveUp(item, reason: failure.message, stat: stat, into: &batch, summary: &summary)
                    continue
                }
                let identity = DeviceInode(device: stat.device, inode: stat.inode)
                linked[identity] = (result, hash)
                add(item, stat: stat, result: result, hash: hash, built: built, into: &batch, summary: &summary)
                for (follower, followerStat) in followers.removeValue(forKey: identity) ?? [] {
                    add(follower, stat: followerStat, result: result, hash: hash, into: &batch, summary: &summary)
                    summary.linked += 1
                }
            }
            if batch.count >= configuration.batchMaxFiles || batch.textBytes >= configuration.batchMaxTextBytes {
                try commit()
            }
        }
        try commit()
        return summary
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
    private func plan(_ item: WorkItem, look: Look) throws -> Plan {
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

    /// A path's catalog record and document, built (and prepared) on an extraction thread.
    private struct Built: Sendable {
        var record: FileRecord
        var document: PreparedDocument
    }

    private func add(_ item: WorkItem, stat: FileStat, result: ExtractionResult, hash: [UInt8]?, built: Built? = nil,
                     into batch: inout IndexBatch, summary: inout CrawlSummary) {
        let built = built ?? {
            let (record, document) = DocumentBuilder.build(rootID: item.rootID, path: item.path, stat: stat,
                                                           result: result, contentHash: hash)
            return Built(record: record, document: PreparedDocument(unprepared: document))
        }()
        let failure = built.record.failure
        if failure != nil && failure?.kind != .partial { summary.failed += 1 } else { summary.indexed += 1 }
        batch.put(built.record, built.document)
        batch.completeWork(rootID: item.rootID, path: item.path)
    }

    /// Transient trouble: try again later with backoff; after the last try, record the failure
    /// (with the file's stat, so it is not tried again until it changes).
    private func retryOrGiveUp(_ item: WorkItem, reason: String, stat: FileStat?, into batch: inout IndexBatch,
                               summary: inout CrawlSummary) {
        let attempts = item.attempts + 1
        switch configuration.retry.decide(afterAttempts: attempts) {
        case .retry(let delay):
            let notBefore = WallClock.nowNanoseconds() + Int64(delay.components.seconds) * 1_000_000_000
                + delay.components.attoseconds / 1_000_000_000
            batch.retryWork(rootID: item.rootID, path: item.path, attempts: attempts, notBefore: notBefore, error: reason)
            summary.retried += 1
        case .giveUp:
            logger.warning("giving up on a file after repeated I/O errors", metadata: ["crawl.path": "\(item.path)", "crawl.error": "\(reason)"])
            if let stat {
                add(item, stat: stat, result: .failure(ExtractionFailure(.unreadable, reason)), hash: nil, into: &batch, summary: &summary)
            } else {
                batch.completeWork(rootID: item.rootID, path: item.path)
                summary.failed += 1
            }
        }
    }

    private static func isTransient(_ failure: ExtractionFailure) -> Bool {
        failure.kind == .changed || (failure.kind == .unreadable && RetryPolicy.isTransient(message: failure.message))
    }

    private static func extract(_ extractor: any ContentExtracting, root: RawPath, path: RawPath,
                                source: RawPath?) -> (ExtractionResult, [UInt8]?) {
        if let source {
            return (extractor.extract(fileAt: source), ContentHasher.hash(path: source, maxSize: extractor.maxFileSize))
        }
        let result = PathOpener.withUsablePath(root: root, relative: path) { extractor.extract(fileAt: $0) }
        switch result {
        case .success(let extracted):
            return (extracted, ContentHasher.hash(root: root, relative: path, maxSize: extractor.maxFileSize))
        case .failure(let code):
            return (.failure(ExtractionFailure(.unreadable, "cannot open file: \(code)")), nil)
        }
    }
}
