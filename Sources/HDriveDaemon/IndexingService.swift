import Foundation
import HDriveCrawl
import HDriveExtract
import HDriveIndex
import Logging
import ServiceLifecycle

/// Keeps the index fresh while the daemon runs: a crawl at start, then one per rescan interval.
/// On graceful shutdown the crawl commits its batch in flight and the service returns.
final class IndexingService: Service, @unchecked Sendable {
    private let crawler: Crawler
    private let interval: Duration?
    private let state: DaemonState
    private let logger: Logger
    private let stopRequested = StopFlag()

    init(crawler: Crawler, interval: Duration?, state: DaemonState, logger: Logger) {
        self.crawler = crawler
        self.interval = interval
        self.state = state
        self.logger = logger
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            while !stopRequested.isSet {
                await crawlOnce()
                guard let interval, !stopRequested.isSet else { break }
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
                } catch {
                    break
                }
            }
            // Without rescans, stay up until shutdown so the group keeps serving.
            if interval == nil && !stopRequested.isSet {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(365 * 86400)) }
            }
        } onGracefulShutdown: { [stopRequested] in
            stopRequested.set()
        }
    }

    /// Runs one pass on its own thread: the walk and SQLite block, and must not hold a
    /// cooperative-pool thread for minutes.
    private func crawlOnce() async {
        state.crawlStarted()
        let crawler = self.crawler
        let stop = stopRequested
        let result: Result<CrawlSummary, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { try crawler.run(shouldStop: { stop.isSet }) })
            }
            thread.name = "hdrive-crawl"
            thread.start()
        }
        switch result {
        case .success(let summary):
            logger.info("crawl pass finished", metadata: [
                "crawl.seen": "\(summary.seen)", "crawl.indexed": "\(summary.indexed)",
                "crawl.unchanged": "\(summary.unchanged)", "crawl.failed": "\(summary.failed)",
                "crawl.deleted": "\(summary.deleted)", "crawl.seconds": "\(summary.seconds)",
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
}
