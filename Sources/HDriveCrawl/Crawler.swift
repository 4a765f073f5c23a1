import Dispatch
import Foundation
import HDriveCore
import HDriveIndex
import Logging

/// Brings the index up to date with the roots. A scan compares a root with the catalog and
/// queues what changed (persistently); the queue is then drained by a bounded pool of
/// extraction threads (a first crawl's while its walk goes on). Live changes (see
/// `LiveChange`) go through the same queue at a higher priority. Safe to call from any thread: the store is used by one caller at a time, for one
/// short step at a time, so a live change is indexed while a long scan walks.
public final class Crawler: @unchecked Sendable {
    public let configuration: CrawlConfiguration
    /// Serializes use of the store (not thread-safe) between scans, the drain and live changes.
    let storeLock = NSLock()
    /// Full scans never overlap (scans of one directory, for live changes, may run meanwhile).
    private let scanLock = NSLock()
    /// Roots whose file system stopped answering, until the threads blocked on it return.
    let stuck = StuckRoots()
    /// Called with each directory a scan is about to compare (tests hold a walk up with it).
    var beforeCompare: (@Sendable (RawPath) -> Void)?
    let store: IndexStore
    private let extractor: any ContentExtracting
    let logger: Logger
    private var rootIDs: [String: Int64] = [:]

    public init(configuration: CrawlConfiguration, store: IndexStore, extractor: any ContentExtracting, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.extractor = extractor
        self.logger = logger
    }

    /// One pass over every root: scan, then index what the scan queued. `shouldStop` is polled
    /// as the pass goes: when it turns true the work in flight is committed, nothing is deleted,
    /// and whatever is still queued stays queued for the next run.
    public func run(shouldStop: @escaping () -> Bool = { false }, progress: ((CrawlSummary) -> Void)? = nil) throws -> CrawlSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var total = CrawlSummary()
        for root in configuration.roots {
            if total.stopped || shouldStop() { total.stopped = true; break }
            total.add(try scan(root: root, shouldStop: shouldStop))
            total.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            progress?(total)
        }
        total.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return total
    }

    /// Scans one root (or one directory of it, `scope`), then drains the queue for it.
    public func scan(root: RootConfiguration, scope: RawPath = RawPath(bytes: []),
                     shouldStop: @escaping () -> Bool = { false }) throws -> CrawlSummary {
        try scan(root: root, scope: scope, priority: nil, shouldStop: shouldStop)
    }

    /// `priority`: of what the scan queues, and the least urgent work drained after it (nil:
    /// as the catalog says, and everything).
    func scan(root: RootConfiguration, scope: RawPath, priority: WorkPriority?,
              shouldStop: @escaping () -> Bool) throws -> CrawlSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        let rootID = try self.rootID(for: root)
        let run = {
            let scan = RootScan(root: root, rootID: rootID, configuration: self.configuration, store: self.store,
                                storeLock: self.storeLock, stuck: self.stuck, logger: self.logger, scope: scope, priority: priority)
            scan.beforeCompare = self.beforeCompare
            return try scan.run(shouldStop: shouldStop)
        }
        // A first crawl indexes what its walk has queued while the walk goes on: a big share's
        // walk takes minutes, and nothing it found needs the walk's end (there is nothing to
        // delete or move). Other scans drain after the walk, once they know what vanished.
        let early = try priority == nil && scope.isEmpty && !storeLock.withLock({ try store.hasFiles(rootID: rootID, under: scope) })
            ? EarlyDrain(crawler: self, rootID: rootID, shouldStop: shouldStop) : nil
        var summary: CrawlSummary
        do {
            summary = try scope.isEmpty ? scanLock.withLock(run) : run()
        } catch {
            _ = try? early?.finish(drainingTheRest: false)
            throw error
        }
        // An unavailable root's queue waits: a path that looks gone there is not gone.
        let drainsRest = !summary.stopped && summary.unavailableRoots.isEmpty
        if let early {
            summary.add(try early.finish(drainingTheRest: drainsRest))
        } else if drainsRest {
            let drained = try drain(rootID: rootID, upTo: priority ?? .firstCrawl, shouldStop: shouldStop)
            summary.add(drained)
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if scope.isEmpty && !summary.stopped && summary.unavailableRoots.isEmpty {
            let json = (try? String(decoding: JSONEncoder().encode(summary), as: UTF8.self)) ?? "{}"
            try storeLock.withLock { try store.markScanFinished(rootID: rootID, at: WallClock.nowNanoseconds(), summaryJSON: json) }
        }
        return summary
    }

    /// Indexes whatever is queued (for one root, or all; down to priority `upTo`) until nothing
    /// is ready. Roots that are unavailable or not responding are left alone.
    public func drain(rootID: Int64? = nil, upTo: WorkPriority = .firstCrawl, waitForRetries: Bool = false,
                      shouldStop: () -> Bool = { false }) throws -> CrawlSummary {
        try drain(rootID: rootID, upTo: upTo, waitForRetries: waitForRetries, moreComing: { false }, shouldStop: shouldStop)
    }

    /// As `drain`, while a walk may still queue paths (`moreComing`): then a queue that runs
    /// short is waited for, not taken as the end.
    func drain(rootID: Int64?, upTo: WorkPriority, waitForRetries: Bool, moreComing: @escaping @Sendable () -> Bool,
               shouldStop: () -> Bool) throws -> CrawlSummary {
        var roots: [Int64: RootConfiguration] = [:]
        for root in configuration.roots where !stuck.contains(root.name) { roots[try self.rootID(for: root)] = root }
        let unavailable = try storeLock.withLock {
            try roots.keys.filter { try store.rootState(rootID: $0)?.available == false }
        }
        for id in unavailable { roots.removeValue(forKey: id) }
        let processor = WorkProcessor(store: store, storeLock: storeLock, configuration: configuration,
                                      extractor: extractor, logger: logger)
        return try processor.drain(rootID: rootID, roots: roots, upTo: upTo, waitForRetries: waitForRetries,
                                   moreComing: moreComing, shouldStop: shouldStop)
    }

    /// The catalog id of a configured root, registering it on first use.
    public func rootID(for root: RootConfiguration) throws -> Int64 {
        try storeLock.withLock {
            if let id = rootIDs[root.name] { return id }
            let id = try store.upsertRoot(name: root.name, path: root.path, displayPrefix: root.displayPrefix).id
            rootIDs[root.name] = id
            return id
        }
    }

    /// Health, mount and watch mode of a root as last recorded.
    public func state(of root: RootConfiguration) throws -> RootState? {
        let id = try rootID(for: root)
        return try storeLock.withLock { try store.rootState(rootID: id) }
    }

    /// Records how live changes of a root are seen, for `status`.
    public func setWatchMode(_ text: String, for root: RootConfiguration) throws {
        let id = try rootID(for: root)
        try storeLock.withLock {
            var state = try store.rootState(rootID: id) ?? RootState(available: true)
            state.watch = text
            try store.saveRootState(rootID: id, state)
        }
    }

    /// Probes a root without scanning it: its health and what kind of file system holds it.
    public static func probe(_ root: RootConfiguration) -> (available: Bool, reason: String?, kind: FileSystemKind, fsType: String?) {
        let finding = RootProbe(root: root).probe()
        if case .unavailable(let reason) = finding.verdict { return (false, reason, finding.kind, finding.mount?.fsType) }
        return (true, nil, finding.kind, finding.mount?.fsType)
    }
}

extension Crawler {
    /// Runs `body` with the store while no scan, drain or live change uses it.
    public func withStore<T>(_ body: (IndexStore) throws -> T) rethrows -> T {
        try storeLock.withLock { try body(store) }
    }
}

/// A first crawl's drain on a thread of its own, indexing the queue as the walk fills it, until
/// `finish` says the walk is over: it then drains what is left, or stops where it is.
private final class EarlyDrain: @unchecked Sendable {
    private let lock = NSLock()
    private var walkEnded = false
    private var cancelled = false
    private var result: Result<CrawlSummary, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(crawler: Crawler, rootID: Int64, shouldStop: @escaping () -> Bool) {
        // The caller's stop flag is polled from this thread too, as the walk's threads poll it.
        let shouldStop = UncheckedBox(shouldStop)
        Thread { [self] in
            Thread.current.name = "hdrive-drain"
            let stops = { shouldStop.value() || self.lock.withLock { self.cancelled } }
            var total = CrawlSummary()
            do {
                // A pass lasts as long as the walk (it waits for what the walk queues); one more
                // after the walk's end takes what was queued between the pass's last look and
                // that end. `ended` is read before the pass: one that began after the end saw all.
                var ended = false
                repeat {
                    ended = lock.withLock { walkEnded }
                    total.add(try crawler.drain(rootID: rootID, upTo: .firstCrawl, waitForRetries: false,
                                                moreComing: { [self] in !lock.withLock { walkEnded || cancelled } },
                                                shouldStop: stops))
                } while !ended && !stops()
                result = .success(total)
            } catch {
                result = .failure(error)
            }
            done.signal()
        }.start()
    }

    /// Waits for the drain; after the walk's end it drains the rest of the queue first, unless
    /// told not to (the walk stopped, or found the root unavailable).
    func finish(drainingTheRest: Bool) throws -> CrawlSummary {
        lock.withLock {
            walkEnded = true
            cancelled = !drainingTheRest
        }
        done.wait()
        return try result!.get()
    }
}
