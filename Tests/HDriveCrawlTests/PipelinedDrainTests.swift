import Foundation
import HDriveCore
@testable import HDriveCrawl
import HDriveIndex
import Testing

/// The drain commits one batch while it extracts the next: every batch must still land whole,
/// with its paths off the queue, and a stop must keep both the committing and the extracted batch.
@Suite struct PipelinedDrainTests {
    func tree(files: Int) -> TestTree {
        let tree = TestTree()
        for i in 0..<files { tree.write("d\(i % 3)/file\(i).txt", "shared word\(i)") }
        return tree
    }

    @Test func aFolderListedInPartsHandsOverEachFileOnceAndItsSubfoldersAtItsEnd() throws {
        let tree = TestTree()
        for i in 0..<10 { tree.write("f\(i).txt", "x") }
        tree.write("sub/g.txt", "y")
        let walker = ParallelWalker(root: tree.raw, excludes: ExcludeMatcher([]), options: WalkOptions(threads: 2, filesInParts: 3))
        let lock = NSLock()
        var listings: [DirectoryListing] = []
        _ = try walker.walk(shouldStop: { false }) { listing in lock.withLock { listings.append(listing) } }
        let top = listings.filter { $0.path.isEmpty }
        // 10 files in parts of 3: three parts while listing, the last file with the subfolder.
        #expect(top.map(\.isPart) == [true, true, true, false])
        #expect(top.dropLast().allSatisfy { $0.files.count == 3 && $0.subdirectories.isEmpty })
        #expect(top.last?.files.count == 1 && top.last?.subdirectories.map(\.path) == [RawPath("sub")])
        #expect(Set(top.flatMap { $0.files.map(\.relativePath) }) == Set((0..<10).map { RawPath("f\($0).txt") }))
        #expect(listings.filter { $0.path == RawPath("sub") }.map(\.isPart) == [false])
    }

    @Test func aFirstCrawlQueuesAHugeFolderInPartsAndIndexesEachFileOnce() throws {
        let files = TestTree()
        let count = RootScan.queuedAtOnce * 2 + 5
        for i in 0..<count { files.write("f\(i).txt", "shared word\(i)") }
        let harness = try CrawlHarness(tree: files)
        let summary = try harness.run()
        #expect(summary.seen == count && summary.indexed == count)
        #expect(try harness.hits("shared") == count)
        #expect(try harness.run().unchanged == count)
        #expect(try harness.integrity().isEmpty)
    }

    @Test func everyBatchOfAPipelinedDrainIsCommittedAndTheQueueEmpties() throws {
        let files = tree(files: 23)
        let harness = try CrawlHarness(tree: files) { $0.batchMaxFiles = 4 }
        let summary = try harness.run()
        #expect(summary.indexed == 23)
        #expect(try harness.hits("shared") == 23)
        #expect(try harness.hits("word22") == 1)
        #expect(try harness.crawler.withStore { try $0.queueState(rootID: nil) }.count == 0)
        #expect(try harness.integrity().isEmpty)
    }

    /// A backlog grows the batches (4, 8, 16 files here): 60 files take 4 commits, not 15.
    @Test func aBacklogIsCommittedInGrowingBatches() throws {
        let files = tree(files: 60)
        let harness = try CrawlHarness(tree: files) { $0.batchMaxFiles = 4 }
        // No merges: each commit's segment stays, so the segments count the commits.
        harness.crawler.withStore { $0.mergePolicy.segmentsPerTier = 1_000 }
        try harness.run()
        #expect(try harness.hits("shared") == 60)
        let commits = try harness.crawler.withStore { try $0.status() }.segments
        #expect(commits == 4, "\(commits) commits")
        #expect(try harness.integrity().isEmpty)
    }

    @Test func aStopKeepsEveryExtractedBatchAndLeavesTheRestQueued() throws {
        let files = tree(files: 40)
        let harness = try CrawlHarness(tree: files) { $0.batchMaxFiles = 5 }
        let extractor = harness.extractor
        let stopped = try harness.crawler.run(shouldStop: { extractor.total >= 12 })
        #expect(stopped.indexed >= 12 && stopped.indexed < 40)
        #expect(try harness.hits("shared") == stopped.indexed)
        #expect(try harness.crawler.withStore { try $0.queueState(rootID: nil) }.count == 40 - stopped.indexed)
        #expect(try harness.integrity().isEmpty)

        try harness.run()
        #expect(try harness.hits("shared") == 40)
        #expect(try harness.crawler.withStore { try $0.queueState(rootID: nil) }.count == 0)
        #expect(extractor.total == 40)
    }

    /// A first crawl indexes what its walk has queued while the walk goes on: the walk is held
    /// at the second of two folders of more files than are queued at once, and the first one's
    /// files become searchable before it is let go. Then the whole tree is indexed, once.
    /// While a walk still queues paths, a drain that finds the queue short waits for it: its
    /// batches are not cut to what happens to be queued, nor does it end when the queue is empty.
    @Test func aDrainToldMoreIsComingWaitsForTheWalkToQueueIt() throws {
        let files = tree(files: 40)
        let harness = try CrawlHarness(tree: files) { $0.batchMaxFiles = 20 }
        harness.crawler.withStore { $0.mergePolicy.segmentsPerTier = 1_000 }
        let rootID = try harness.crawler.rootID(for: harness.roots[0])
        let paths = (0..<40).map { RawPath("d\($0 % 3)/file\($0).txt") }
        let crawler = harness.crawler
        let queue = { @Sendable (part: ArraySlice<RawPath>) in
            try crawler.withStore { try $0.enqueue(part.map { WorkItem(rootID: rootID, path: $0, priority: .firstCrawl) }) }
        }
        try queue(paths[0..<5])
        let walking = StopFlagForTests()
        Thread.detachNewThread {
            usleep(300_000)
            try? queue(paths[5..<40])
            usleep(300_000)
            walking.set()
        }
        let summary = try harness.crawler.drain(rootID: rootID, upTo: .firstCrawl, waitForRetries: false,
                                                moreComing: { !walking.isSet }, shouldStop: { false })
        #expect(summary.indexed == 40)
        // 20 files, then the other 20: the first batch waited for the walk's second part.
        let commits = try harness.crawler.withStore { try $0.status() }.segments
        #expect(commits == 2, "\(commits) commits")
        #expect(try harness.hits("shared") == 40)
    }

    /// A backlog of one to two batches is split 3:2 (60 files at a batch size of 40: 36, then
    /// 24), so that the last commits are short; a split batch fetched whole still counts as full.
    @Test func theEndOfABacklogIsSplitThreeToTwo() throws {
        let files = tree(files: 90)
        let harness = try CrawlHarness(tree: files) { $0.batchMaxFiles = 10 }
        harness.crawler.withStore { $0.mergePolicy.segmentsPerTier = 1_000 }
        let rootID = try harness.crawler.rootID(for: harness.roots[0])
        try harness.crawler.withStore {
            try $0.enqueue((0..<90).map { WorkItem(rootID: rootID, path: RawPath("d\($0 % 3)/file\($0).txt"), priority: .firstCrawl) })
        }
        #expect(try harness.crawler.drain().indexed == 90)
        let sizes = try IndexReader(directory: harness.data.path).read { $0.segments.map(\.docCount) }
        #expect(sizes == [10, 20, 36, 24])
    }

    @Test func aFirstCrawlIndexesWhileItsWalkGoesOn() throws {
        let tree = TestTree()
        for folder in ["a", "b"] {
            for i in 0..<4_200 { tree.write("\(folder)/bulk\(i).txt", "bulk word\(i)") }
        }
        let harness = try CrawlHarness(tree: tree)
        let hold = WalkHold()
        harness.crawler.beforeCompare = { path in hold.pass(path) }
        let finished = StopFlagForTests()
        let crawler = harness.crawler, root = harness.roots[0]
        let summary = UncheckedResult()
        Thread.detachNewThread {
            summary.value = try? crawler.scan(root: root)
            finished.set()
        }
        #expect(hold.held.wait(timeout: .now() + 30) == .success)
        #expect(try eventually(30) { try harness.hits("bulk") > 0 })
        #expect(!finished.isSet)
        hold.release.signal()
        #expect(eventually(60) { finished.isSet })
        #expect(summary.value?.indexed == 8_400)
        #expect(try harness.hits("bulk") == 8_400)
        #expect(try harness.crawler.withStore { try $0.queueState(rootID: nil) }.count == 0)
        #expect(try harness.integrity().isEmpty)
    }
}

extension PipelinedDrainTests {
    /// A first crawl whose root turns out unavailable leaves its drain stopped, and the pass
    /// goes on to the next root.
    @Test func aFirstCrawlOfAnUnavailableRootLetsThePassGoOn() throws {
        let present = TestTree()
        present.write("a.txt", "steady")
        let missing = RootConfiguration(name: "gone", path: RawPath(present.path + "-never-created"))
        let harness = try CrawlHarness(roots: [missing, RootConfiguration(name: "t", path: present.raw)])
        let summary = try harness.run()
        #expect(!summary.stopped)
        #expect(summary.unavailableRoots == ["gone"])
        #expect(summary.indexed == 1)
        #expect(try harness.crawler.withStore { try $0.queueState(rootID: nil) }.count == 0)
    }
}

/// Holds a walk once, at the second of folders "a" and "b" to be delivered (the sink takes one
/// listing at a time, so the first one's files are queued by then).
private final class WalkHold: @unchecked Sendable {
    let held = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var seen = 0

    func pass(_ path: RawPath) {
        guard path == RawPath("a") || path == RawPath("b") else { return }
        let isSecond: Bool = lock.withLock {
            seen += 1
            return seen == 2
        }
        if isSecond {
            held.signal()
            release.wait()
        }
    }
}

private final class UncheckedResult: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: CrawlSummary?
    var value: CrawlSummary? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
