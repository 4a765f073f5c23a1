import Foundation
import HDriveCore
import HDriveIndex
import Logging

/// What a queued path needs, decided from its stat and the catalog.
enum WorkPlan: Sendable {
    case nothing
    case delete(Int64)
    case retry(String)
    case copy(FileStat, StoredContent)
    /// `source`: the absolute path to read when it is not the queued path (a followed symlink).
    case extract(FileStat, source: RawPath?)
}

/// Turns planned work into one batch without touching the store: extracts what needs it on the
/// extraction threads, where each document is also analyzed and deflated, and takes each path
/// off the queue in the batch that holds its outcome.
struct BatchAssembler {
    let roots: [Int64: RootConfiguration]
    let configuration: CrawlConfiguration
    let extractor: any ContentExtracting
    let preparer: DocumentPreparer
    let logger: Logger
    /// Paths handed to the extraction threads at once: the pool's backpressure, and how often a stop is noticed.
    let chunkSize = 64

    private(set) var batch = IndexBatch()
    private(set) var summary = CrawlSummary()
    /// Hard links extracted in this batch, so the other paths can share the text.
    private var linked: [DeviceInode: (ExtractionResult, [UInt8]?)] = [:]
    /// Extractions at once, over the chunk being extracted and the one finishing.
    private let permits: DispatchSemaphore
    /// Files being extracted, and further paths of theirs that take their result.
    private var extracting: Set<DeviceInode> = []
    private var followers: [DeviceInode: [(WorkItem, FileStat)]] = [:]

    init(roots: [Int64: RootConfiguration], configuration: CrawlConfiguration, extractor: any ContentExtracting,
         preparer: DocumentPreparer, logger: Logger) {
        self.roots = roots
        self.configuration = configuration
        self.extractor = extractor
        self.preparer = preparer
        self.logger = logger
        permits = DispatchSemaphore(value: max(1, configuration.extractionThreads))
    }

    /// Adds planned paths chunk by chunk until they are done, the batch holds its limit of
    /// text, or `shouldStop`; paths not reached stay queued. Each chunk's files are extracted
    /// while the previous chunk's documents join the batch (and its segment) on this thread, so
    /// the limit of text may be passed by one chunk; the two chunks share `extractionThreads`
    /// permits, so no more files than that are read at once. The batch's segment is sealed by
    /// the committer's thread (`BatchCommitter`), while this thread extracts the next batch.
    mutating func add(_ planned: [(WorkItem, WorkPlan)], shouldStop: () -> Bool) {
        var start = 0
        var inFlight: ExtractingChunk?
        while true {
            var next: ExtractingChunk?
            if start < planned.count && !shouldStop() && batch.textBytes < configuration.batchMaxTextBytes {
                let end = min(start + chunkSize, planned.count)
                next = begin(chunk: planned[start..<end])
                start = end
            }
            if let inFlight { finish(inFlight) }
            guard let next else { break }
            inFlight = next
        }
    }

    /// A chunk whose files are being extracted.
    private struct ExtractingChunk {
        var items: [(WorkItem, FileStat)]
        var running: ParallelExtraction.Running<((WorkItem, FileStat), RawPath, RawPath?), (ExtractionResult, [UInt8]?, Built?)>
    }

    /// Applies what needs no extraction and starts extracting the rest.
    private mutating func begin(chunk: ArraySlice<(WorkItem, WorkPlan)>) -> ExtractingChunk {
        var toExtract: [(WorkItem, FileStat)] = []
        var sources: [RawPath?] = []
        for (item, plan) in chunk {
            switch plan {
            case .nothing: batch.completeWork(item)
            case .delete(let fileID):
                batch.delete(fileID: fileID)
                batch.completeWork(item)
                summary.deleted += 1
            case .retry(let reason): retryOrGiveUp(item, reason: reason, stat: nil)
            case .copy(let stat, let stored):
                let (record, document) = DocumentBuilder.build(rootID: item.rootID, path: item.path, stat: stat, stored: stored)
                batch.put(record, preparer.prepare(document))
                batch.completeWork(item)
                summary.indexed += 1
                summary.linked += 1
            case .extract(let stat, let source):
                let identity = DeviceInode(device: stat.device, inode: stat.inode)
                // Two paths of one file (hard or followed symbolic links): extract it once.
                if let known = linked[identity] {
                    add(item, stat: stat, result: known.0, hash: known.1)
                    summary.linked += 1
                } else if extracting.contains(identity) {
                    followers[identity, default: []].append((item, stat))
                } else {
                    extracting.insert(identity)
                    toExtract.append((item, stat))
                    sources.append(source)
                }
            }
        }
        let extractor = self.extractor, preparer = self.preparer
        let inputs = zip(toExtract, sources).map { ($0.0, roots[$0.0.0.rootID]!.path, $0.1) }
        // Each document is analyzed and deflated on the thread that extracted it, not in the commit.
        let running = ParallelExtraction.start(inputs, threads: configuration.extractionThreads, permits: permits) { work, root, source -> (ExtractionResult, [UInt8]?, Built?) in
            let (item, stat) = work
            let (result, hash) = Self.extract(extractor, root: root, path: item.path, source: source)
            if case .failure(let failure) = result, Self.isTransient(failure) { return (result, hash, nil) }
            let (record, document) = DocumentBuilder.build(rootID: item.rootID, path: item.path, stat: stat,
                                                           result: result, contentHash: hash)
            return (result, hash, Built(record: record, document: preparer.prepare(document)))
        }
        return ExtractingChunk(items: toExtract, running: running)
    }

    /// Waits for a chunk's extractions and adds their documents, and those of the other paths
    /// of the same files, to the batch.
    private mutating func finish(_ chunk: ExtractingChunk) {
        for ((item, stat), (result, hash, built)) in zip(chunk.items, chunk.running.wait()) {
            let identity = DeviceInode(device: stat.device, inode: stat.inode)
            extracting.remove(identity)
            if case .failure(let failure) = result, Self.isTransient(failure) {
                retryOrGiveUp(item, reason: failure.message, stat: stat)
                continue
            }
            linked[identity] = (result, hash)
            add(item, stat: stat, result: result, hash: hash, built: built)
            for (follower, followerStat) in followers.removeValue(forKey: identity) ?? [] {
                add(follower, stat: followerStat, result: result, hash: hash)
                summary.linked += 1
            }
        }
    }

    /// A path's catalog record and document, built (and prepared) on an extraction thread.
    private struct Built: Sendable {
        var record: FileRecord
        var document: PreparedDocument
    }

    private mutating func add(_ item: WorkItem, stat: FileStat, result: ExtractionResult, hash: [UInt8]?, built: Built? = nil) {
        let built = built ?? {
            let (record, document) = DocumentBuilder.build(rootID: item.rootID, path: item.path, stat: stat,
                                                           result: result, contentHash: hash)
            return Built(record: record, document: preparer.prepare(document))
        }()
        let failure = built.record.failure
        if failure != nil && failure?.kind != .partial { summary.failed += 1 } else { summary.indexed += 1 }
        batch.put(built.record, built.document)
        batch.completeWork(item)
    }

    /// Transient trouble: try again later with backoff; after the last try, record the failure
    /// (with the file's stat, so it is not tried again until it changes).
    private mutating func retryOrGiveUp(_ item: WorkItem, reason: String, stat: FileStat?) {
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
                add(item, stat: stat, result: .failure(ExtractionFailure(.unreadable, reason)), hash: nil)
            } else {
                batch.completeWork(item)
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
        var hash: [UInt8]?
        let result = PathOpener.withUsablePath(root: root, relative: path) {
            extractor.extract(fileAt: $0) { bytes in hash = ContentHasher.hash(bytes) }
        }
        switch result {
        case .success(let extracted):
            return (extracted, hash ?? ContentHasher.hash(root: root, relative: path, maxSize: extractor.maxFileSize))
        case .failure(let code):
            return (.failure(ExtractionFailure(.unreadable, "cannot open file: \(code)")), nil)
        }
    }
}
