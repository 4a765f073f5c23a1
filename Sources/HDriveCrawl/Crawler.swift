import Dispatch
import Foundation
import HDriveCore
import HDriveExtract
import HDriveIndex
import Logging

/// Brings the index up to date with the roots: walks each root, compares every file with the
/// catalog, extracts what is new or changed, and removes what is gone, in batches that each
/// commit atomically. Passes may be started from any thread; they never overlap.
public final class Crawler: @unchecked Sendable {
    private let passLock = NSLock()
    public let configuration: CrawlConfiguration
    private let store: IndexStore
    private let extractor: Extractor
    private let logger: Logger

    public init(configuration: CrawlConfiguration, store: IndexStore, extractor: Extractor, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.extractor = extractor
        self.logger = logger
    }

    /// One pass over every root. `shouldStop` is polled between files: when it turns true the
    /// batch in flight is committed and the pass ends without deleting anything.
    public func run(shouldStop: @escaping () -> Bool = { false }, progress: ((CrawlSummary) -> Void)? = nil) throws -> CrawlSummary {
        passLock.lock()
        defer { passLock.unlock() }
        let started = DispatchTime.now().uptimeNanoseconds
        var total = CrawlSummary()
        for root in configuration.roots {
            if total.stopped { break }
            var pass = RootPass(root: root, configuration: configuration, store: store, extractor: extractor,
                                logger: logger, shouldStop: shouldStop, started: started, before: total, progress: progress)
            total.add(try pass.run())
        }
        total.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return total
    }
}
