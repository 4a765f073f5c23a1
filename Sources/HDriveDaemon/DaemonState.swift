import Foundation
import HDriveCrawl
import HDriveServer

/// What the indexing service is doing, read by `/api/status` from other threads.
final class DaemonState: DaemonStateProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var crawling = false
    private var lastSummary: CrawlSummary?
    private var lastError: String?
    private var passes = 0

    func crawlStarted() {
        lock.withLock { crawling = true }
    }

    func crawlFinished(_ summary: CrawlSummary?, error: String?) {
        lock.withLock {
            crawling = false
            passes += 1
            if let summary { lastSummary = summary }
            lastError = error
        }
    }

    func daemonState() -> [String: String] {
        lock.withLock {
            var state = ["crawling": String(crawling), "passes": String(passes)]
            if let lastSummary {
                state["last_pass"] = "seen \(lastSummary.seen), indexed \(lastSummary.indexed), unchanged \(lastSummary.unchanged), failed \(lastSummary.failed), deleted \(lastSummary.deleted) in \(String(format: "%.1f", lastSummary.seconds)) s"
                if lastSummary.heldDeletions > 0 { state["held_deletions"] = String(lastSummary.heldDeletions) }
                if !lastSummary.unavailableRoots.isEmpty { state["unavailable_roots"] = lastSummary.unavailableRoots.joined(separator: ", ") }
            }
            if let lastError { state["last_error"] = lastError }
            return state
        }
    }
}
