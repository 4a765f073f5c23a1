import Dispatch
import Foundation
import HDriveCore
import HDriveExtract
import HDriveIndex
import Logging

/// One root's share of a crawl.
struct RootPass {
    let root: RootConfiguration
    let configuration: CrawlConfiguration
    let store: IndexStore
    let extractor: Extractor
    let logger: Logger
    let shouldStop: () -> Bool
    let started: UInt64
    let before: CrawlSummary
    let progress: ((CrawlSummary) -> Void)?

    private var summary = CrawlSummary()
    private var batch = IndexBatch()
    private var pending: [WalkedFile] = []
    private var lastProgress: UInt64 = 0
    /// Files extracted together, spread over the extraction threads.
    private let chunkSize = 64

    init(root: RootConfiguration, configuration: CrawlConfiguration, store: IndexStore, extractor: Extractor,
         logger: Logger, shouldStop: @escaping () -> Bool, started: UInt64, before: CrawlSummary,
         progress: ((CrawlSummary) -> Void)?) {
        self.root = root
        self.configuration = configuration
        self.store = store
        self.extractor = extractor
        self.logger = logger
        self.shouldStop = shouldStop
        self.started = started
        self.before = before
        self.progress = progress
    }

    mutating func run() throws -> CrawlSummary {
        let record = try store.upsertRoot(name: root.name, path: root.path, displayPrefix: root.displayPrefix)
        var remaining = try store.catalog(rootID: record.id)
        let catalogCount = remaining.count
        try store.markScanStarted(rootID: record.id, at: WallClock.nowNanoseconds())
        let walker = TreeWalker(root: root.path, excludes: ExcludeMatcher(configuration.excludes + root.excludes))

        let report: WalkReport
        var commitError: (any Error)?
        do {
            report = try walker.walk { file in
                if shouldStop() { return false }
                summary.seen += 1
                if let known = remaining.removeValue(forKey: file.relativePath), !file.stat.contentMayDiffer(from: known.stat) {
                    summary.unchanged += 1
                } else {
                    pending.append(file)
                    if pending.count >= chunkSize {
                        do { try extractPending(rootID: record.id) } catch { commitError = error; return false }
                    }
                }
                reportProgress()
                return true
            }
        } catch {
            logger.warning("root unavailable, its documents are kept", metadata: ["crawl.root": "\(root.name)", "crawl.error": "\(error)"])
            summary.unavailableRoots.append(root.name)
            return summary
        }
        if let commitError { throw commitError }
        try extractPending(rootID: record.id)
        summary.excluded = report.excluded
        summary.unreadableDirectories = report.unreadableDirectories.count
        for (path, reason) in report.unreadableDirectories {
            logger.warning("directory not readable; its files are kept", metadata: ["crawl.path": "\(path)", "crawl.error": "\(reason)"])
        }
        summary.stopped = report.stopped || shouldStop()

        if !summary.stopped {
            if summary.seen == 0 && catalogCount > 0 {
                // An empty share that had files is an unmounted share far more often than a wiped one.
                logger.warning("root is empty but the catalog holds files; keeping them", metadata: ["crawl.root": "\(root.name)"])
                summary.unavailableRoots.append(root.name)
            } else {
                let hidden = report.unreadableDirectories.map(\.path)
                for (path, entry) in remaining where !hidden.contains(where: { path.isInside($0) }) {
                    batch.delete(fileID: entry.fileID)
                    summary.deleted += 1
                    try commitIfFull()
                }
            }
        }
        try store.commit(batch)
        batch = IndexBatch()
        if !summary.stopped {
            summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let json = (try? String(decoding: JSONEncoder().encode(summary), as: UTF8.self)) ?? "{}"
            try store.markScanFinished(rootID: record.id, at: WallClock.nowNanoseconds(), summaryJSON: json)
        }
        return summary
    }

    /// Extracts the pending files on the extraction threads and adds them to the batch.
    private mutating func extractPending(rootID: Int64) throws {
        guard !pending.isEmpty else { return }
        let files = pending
        pending.removeAll(keepingCapacity: true)
        let results = ParallelExtraction.run(files, root: root.path, extractor: extractor,
                                             threads: configuration.extractionThreads)
        for (file, result) in zip(files, results) {
            let (record, document) = DocumentBuilder.build(rootID: rootID, file: file, result: result)
            if record.failure != nil && record.failure?.kind != .partial { summary.failed += 1 } else { summary.indexed += 1 }
            batch.put(record, document)
        }
        try commitIfFull()
    }

    private mutating func commitIfFull() throws {
        if batch.count >= configuration.batchMaxFiles || batch.textBytes >= configuration.batchMaxTextBytes {
            try store.commit(batch)
            batch = IndexBatch()
        }
    }

    private mutating func reportProgress() {
        guard let progress else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastProgress > 250_000_000 else { return }
        lastProgress = now
        var current = before
        current.add(summary)
        current.seconds = Double(now - started) / 1e9
        progress(current)
    }
}

extension RawPath {
    /// True when this path is `directory` or lies below it.
    func isInside(_ directory: RawPath) -> Bool {
        guard bytes.count >= directory.bytes.count, bytes.starts(with: directory.bytes) else { return false }
        return bytes.count == directory.bytes.count || directory.isEmpty || bytes[directory.bytes.count] == RawPath.separator
    }
}
