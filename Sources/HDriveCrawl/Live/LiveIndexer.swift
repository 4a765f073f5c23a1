#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HDriveCore
import HDriveIndex
import Logging

/// Keeps local roots current as files change: one thread reads inotify and feeds each root's
/// `EventCoalescer`, another applies due changes through the crawler. Directories beyond the
/// watch limit are rescanned every `pollInterval` instead, and status says so.
public final class LiveIndexer: @unchecked Sendable {
    public struct Options: Sendable {
        public var quietPeriod: Duration
        public var pollInterval: Duration
        /// Watches per root at most (nil: the kernel's limit decides).
        public var maxWatches: Int?

        public init(quietPeriod: Duration = .milliseconds(300), pollInterval: Duration = .seconds(60), maxWatches: Int? = nil) {
            self.quietPeriod = quietPeriod
            self.pollInterval = pollInterval
            self.maxWatches = maxWatches
        }
    }

    private final class Watched {
        let root: RootConfiguration
        let watcher: InotifyWatcher
        var coalescer: EventCoalescer
        var directoryMoves: [UInt32: RawPath] = [:]
        var lastPoll: Int64
        init(root: RootConfiguration, watcher: InotifyWatcher, coalescer: EventCoalescer, now: Int64) {
            self.root = root
            self.watcher = watcher
            self.coalescer = coalescer
            self.lastPoll = now
        }
    }

    private let crawler: Crawler
    private let options: Options
    private let logger: Logger
    private let condition = NSCondition()
    private var watched: [Watched] = []
    private var running = false
    private var threads = 0
    /// Called after each batch of changes is applied (tests, benchmarks).
    public var onApplied: (@Sendable ([LiveChange], CrawlSummary) -> Void)?

    public init(crawler: Crawler, options: Options = Options(), logger: Logger) {
        self.crawler = crawler
        self.options = options
        self.logger = logger
    }

    /// Watches each root (recursively, before any scan, so nothing slips between them) and
    /// starts the reader and applier threads.
    public func start(roots: [RootConfiguration]) throws {
        let quiet = Int64(options.quietPeriod.components.seconds) * 1_000_000_000 + options.quietPeriod.components.attoseconds / 1_000_000_000
        for root in roots {
            let excludes = ExcludeMatcher(crawler.configuration.excludes + root.excludes)
            let watcher = try InotifyWatcher(root: root.path, excludes: excludes, maxWatches: options.maxWatches)
            watcher.watchTree(RawPath(bytes: []))
            let entry = Watched(root: root, watcher: watcher, coalescer: EventCoalescer(quietPeriod: quiet),
                                now: WallClock.nowNanoseconds())
            watched.append(entry)
            try? crawler.setWatchMode(Self.describe(entry.watcher, options), for: root)
        }
        condition.withLock { running = true; threads = 2 }
        Thread.detachNewThread { [self] in readLoop(); finished() }
        Thread.detachNewThread { [self] in applyLoop(); finished() }
    }

    /// Stops both threads and waits for them; changes not yet applied are left to the next scan.
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while threads > 0 { condition.wait() }
        condition.unlock()
    }

    private func finished() {
        condition.withLock { threads -= 1; condition.broadcast() }
    }

    private func readLoop() {
        var fds = watched.map { pollfd(fd: $0.watcher.fd, events: Int16(POLLIN), revents: 0) }
        while condition.withLock({ running }) {
            guard poll(&fds, nfds_t(fds.count), 100) > 0 else { continue }
            for (index, entry) in watched.enumerated() where fds[index].revents != 0 {
                condition.withLock {
                    let now = WallClock.nowNanoseconds()
                    for event in entry.watcher.read() {
                        followDirectories(event, in: entry)
                        entry.coalescer.add(event, at: now)
                    }
                    condition.broadcast()
                }
            }
        }
    }

    /// Keeps the watches in step with directories as they appear and move (under the lock).
    private func followDirectories(_ event: WatchEvent, in entry: Watched) {
        guard event.isDirectory else { return }
        switch event.kind {
        case .created: entry.watcher.watchTree(event.path)
        case .movedFrom: entry.directoryMoves[event.cookie] = event.path
        case .movedTo:
            if let from = entry.directoryMoves.removeValue(forKey: event.cookie) {
                entry.watcher.renameWatches(from: from, to: event.path)
            } else {
                entry.watcher.watchTree(event.path)
            }
        default: break
        }
    }

    private func applyLoop() {
        let poll = Int64(options.pollInterval.components.seconds) * 1_000_000_000
        while true {
            var work: [(Watched, [LiveChange])] = []
            condition.lock()
            while running {
                let now = WallClock.nowNanoseconds()
                work = watched.compactMap { entry in
                    var changes = entry.coalescer.due(at: now)
                    if !entry.watcher.polledDirectories.isEmpty && now - entry.lastPoll >= poll {
                        entry.lastPoll = now
                        let polled = entry.watcher.polledDirectories
                        // A scan covers its subtree: poll only the topmost polled directories.
                        let tops = polled.filter { path in !polled.contains { $0 != path && path.isInside($0) } }
                        for directory in tops.sorted() where !entry.watcher.addWatch(directory) {
                            changes.append(.scanDirectory(directory))
                        }
                    }
                    return changes.isEmpty ? nil : (entry, changes)
                }
                if !work.isEmpty { break }
                let next = watched.compactMap { $0.coalescer.nextDeadline() }.min().map { max(0, $0 - now) } ?? 100_000_000
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(min(next, 100_000_000)) / 1e9 + 0.005))
            }
            let stillRunning = running
            condition.unlock()
            guard stillRunning else { return }
            for (entry, changes) in work { apply(changes, to: entry) }
        }
    }

    private func apply(_ changes: [LiveChange], to entry: Watched) {
        do {
            let summary = try crawler.apply(changes, to: entry.root)
            condition.withLock {
                for case .removed(let path) in changes where !Self.exists(entry.root.path, path) {
                    entry.watcher.dropWatches(under: path)
                }
            }
            try? crawler.setWatchMode(condition.withLock { Self.describe(entry.watcher, options) }, for: entry.root)
            onApplied?(changes, summary)
        } catch {
            logger.error("live changes could not be applied; the next scan will catch up",
                         metadata: ["crawl.root": "\(entry.root.name)", "crawl.error": "\(error)"])
        }
    }

    private static func exists(_ root: RawPath, _ path: RawPath) -> Bool {
        if case .success = PathOpener.lstat(root: root, relative: path) { return true }
        return false
    }

    static func describe(_ watcher: InotifyWatcher, _ options: Options) -> String {
        var text = "live (inotify, \(watcher.watchCount) directories watched)"
        if !watcher.polledDirectories.isEmpty {
            text += "; \(watcher.polledDirectories.count) directories polled every \(options.pollInterval) (watch limit reached)"
        }
        return text
    }
}
