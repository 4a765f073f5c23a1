import Dispatch
import Foundation
import HDriveCore
import HDriveCrawl
import HDriveExtract
import HDriveIndex
import Logging
import ServiceLifecycle

/// Keeps the index fresh while the daemon runs: watches local roots live (inotify), scans every
/// root at start, rescans each on its schedule, and scans everything at once on SIGHUP (sent
/// by `hdrive index` when the nightly timer finds the daemon running). On graceful shutdown
/// the work in flight is committed and the service returns.
final class IndexingService: Service, @unchecked Sendable {
    private let crawler: Crawler
    private let schedule: RescanSchedule
    private let watch: Bool
    private let pollInterval: Duration
    private let state: DaemonState
    private let logger: Logger
    private let stopRequested = StopFlag()
    private let rescanRequested = StopFlag.Resettable()

    init(crawler: Crawler, schedule: RescanSchedule, watch: Bool, pollInterval: Duration, state: DaemonState, logger: Logger) {
        self.crawler = crawler
        self.schedule = schedule
        self.watch = watch
        self.pollInterval = pollInterval
        self.state = state
        self.logger = logger
    }

    func run() async throws {
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "hdrive.sighup"))
        hangup.setEventHandler { [rescanRequested, logger] in
            logger.info("rescan requested (SIGHUP)")
            rescanRequested.set()
        }
        hangup.resume()
        defer { hangup.cancel() }

        let roots = crawler.configuration.roots
        let probes = Dictionary(uniqueKeysWithValues: roots.map { ($0.name, Crawler.probe($0)) })
        let network = Set(roots.filter { probes[$0.name]?.kind.needsRescans == true }.map(\.name))
        let live = startLive(roots.filter { !network.contains($0.name) && probes[$0.name]?.available == true })
        for root in roots where network.contains(root.name) || !watch {
            let why = network.contains(root.name) ? "rescans only (\(probes[root.name]?.fsType ?? "network") file system)" : "rescans only (watch: off)"
            try? crawler.setWatchMode(why, for: root)
        }
        await withGracefulShutdownHandler {
            var lastScan: [String: Double] = [:]
            var pending = roots
            while !stopRequested.isSet {
                if !pending.isEmpty {
                    await scan(pending)
                    let now = Self.now()
                    for root in pending { lastScan[root.name] = now }
                }
                // Wake each second: a SIGHUP, a due root or shutdown ends the wait.
                while !stopRequested.isSet {
                    if rescanRequested.take() { pending = roots; break }
                    pending = schedule.due(roots: roots, network: network, lastScan: lastScan, now: Self.now())
                    if !pending.isEmpty { break }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        } onGracefulShutdown: { [stopRequested] in
            stopRequested.set()
        }
        live?.stop()
    }

    private func startLive(_ roots: [RootConfiguration]) -> LiveIndexer? {
        guard watch, !roots.isEmpty else { return nil }
        let live = LiveIndexer(crawler: crawler, options: .init(quietPeriod: crawler.configuration.quietPeriod,
                                                                pollInterval: pollInterval), logger: logger)
        do {
            try live.start(roots: roots)
            return live
        } catch {
            logger.warning("live changes are not watched; rescans only", metadata: ["crawl.error": "\(error)"])
            return nil
        }
    }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Scans on a thread of its own: the walk and SQLite block, and must not hold a
    /// cooperative-pool thread for minutes.
    private func scan(_ roots: [RootConfiguration]) async {
        state.crawlStarted()
        let crawler = self.crawler
        let stop = stopRequested
        let result: Result<CrawlSummary, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result {
                    var total = CrawlSummary()
                    for root in roots where !stop.isSet { total.add(try crawler.scan(root: root, shouldStop: { stop.isSet })) }
                    if !stop.isSet { total.add(try crawler.drain(shouldStop: { stop.isSet })) }
                    return total
                })
            }
            thread.name = "hdrive-crawl"
            thread.start()
        }
        switch result {
        case .success(let summary):
            logger.info("crawl pass finished", metadata: [
                "crawl.roots": "\(roots.map(\.name).joined(separator: ","))",
                "crawl.seen": "\(summary.seen)", "crawl.indexed": "\(summary.indexed)",
                "crawl.unchanged": "\(summary.unchanged)", "crawl.failed": "\(summary.failed)",
                "crawl.deleted": "\(summary.deleted)", "crawl.moved": "\(summary.moved)",
                "crawl.held_deletions": "\(summary.heldDeletions)", "crawl.seconds": "\(summary.seconds)",
            ])
            state.crawlFinished(summary, error: nil)
        case .failure(let error):
            logger.error("crawl pass failed; retrying at the next interval", metadata: ["crawl.error": "\(error)"])
            state.crawlFinished(nil, error: "\(error)")
        }
    }
}

/// A flag set once from any thread (signal handler, shutdown handler) and polled by the crawl.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    public var isSet: Bool { lock.withLock { value } }
    public func set() { lock.withLock { value = true } }

    /// A request that is consumed when served (a rescan asked for twice before it starts runs once).
    final class Resettable: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        func take() -> Bool { lock.withLock { defer { value = false }; return value } }
    }
}
