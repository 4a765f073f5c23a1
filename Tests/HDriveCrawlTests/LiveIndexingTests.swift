import Foundation
import Glibc
import HDriveCore
@testable import HDriveCrawl
import HDriveIndex
import Logging
import Testing

/// Waits (bounded) for a condition that a background thread makes true; never a timing assertion.
func eventually(_ seconds: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

/// Real inotify on temporary trees.
@Suite(.serialized) struct LiveIndexingTests {
    func live(_ harness: CrawlHarness, maxWatches: Int? = nil, poll: Duration = .seconds(60)) throws -> LiveIndexer {
        let live = LiveIndexer(crawler: harness.crawler,
                               options: .init(quietPeriod: .milliseconds(100), pollInterval: poll, maxWatches: maxWatches),
                               logger: Logger(label: "test"))
        try live.start(roots: harness.roots)
        return live
    }

    @Test func aSavedFileBecomesSearchable() throws {
        let tree = TestTree()
        tree.write("a.txt", "alpha")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let indexer = try live(harness)
        defer { indexer.stop() }
        tree.write("notes/new.txt", "serendipity")
        #expect(try eventually { try harness.hits("serendipity") == 1 })
        tree.write("a.txt", "omega")
        #expect(try eventually { try harness.hits("omega") == 1 && harness.hits("alpha") == 0 })
        tree.remove("a.txt")
        #expect(try eventually { try harness.entry("a.txt") == nil })
        #expect(try harness.integrity().isEmpty)
    }

    @Test func aSaveDuringALongRescanIsSearchableBeforeTheRescanEnds() throws {
        let tree = TestTree()
        for i in 0..<20 { tree.write("d\(i)/f.txt", "filler \(i)") }
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let indexer = try live(harness)
        defer { indexer.stop() }
        // Hold the rescan in the middle of its walk until the test lets it go.
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        harness.crawler.beforeCompare = { path in
            if path == RawPath("d5") { held.signal(); release.wait() }
        }
        let finished = StopFlagForTests()
        let crawler = harness.crawler
        let root = harness.roots[0]
        Thread.detachNewThread {
            _ = try? crawler.scan(root: root)
            finished.set()
        }
        #expect(held.wait(timeout: .now() + 15) == .success)
        tree.write("d9/saved.txt", "zeppelin")
        tree.write("fresh/new.txt", "dirigible")  // a new directory: a live scan of its own
        #expect(try eventually { try harness.hits("zeppelin") == 1 && harness.hits("dirigible") == 1 })
        #expect(!finished.isSet)
        release.signal()
        #expect(eventually { finished.isSet })
        #expect(try harness.integrity().isEmpty)
    }

    @Test func renamesAndDirectoryMovesKeepTheirTextWithoutExtraction() throws {
        let tree = TestTree()
        tree.write("draft.txt", "memorandum")
        tree.write("projects/alpha/spec.txt", "specification")
        tree.write("projects/alpha/deep/plan.txt", "blueprint")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let indexer = try live(harness)
        defer { indexer.stop() }
        harness.extractor.reset()
        tree.move("draft.txt", "final.txt")
        tree.move("projects/alpha", "archive-alpha")
        #expect(try eventually { try harness.paths() == ["archive-alpha/deep/plan.txt", "archive-alpha/spec.txt", "final.txt"] })
        #expect(harness.extractor.total == 0)
        #expect(try harness.hits("blueprint") == 1 && harness.hits("archive") == 2)
        // Watches followed the directory: a file saved in it now is seen.
        tree.write("archive-alpha/deep/later.txt", "afterthought")
        #expect(try eventually { try harness.hits("afterthought") == 1 })
        #expect(try harness.integrity().isEmpty)
    }

    @Test func aDirectoryCreatedWithFilesInsideIsIndexed() throws {
        let tree = TestTree()
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let indexer = try live(harness)
        defer { indexer.stop() }
        try Shell.run("mkdir -p '\(tree.path)/x/y/z' && echo nested > '\(tree.path)/x/y/z/n.txt'")
        #expect(try eventually { try harness.hits("nested") == 1 })
    }

    @Test func aQueueOverflowLeadsToARescanOfTheRoot() throws {
        let tree = TestTree()
        let watcher = try InotifyWatcher(root: tree.raw, excludes: ExcludeMatcher([]))
        watcher.watchTree(RawPath(bytes: []))
        let limit = Int((try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 16384
        // Flood without reading: each file gives CREATE, MODIFY and CLOSE_WRITE.
        for i in 0..<(limit / 3 + 200) { tree.write("f\(i)", "x") }
        let events = watcher.read()
        #expect(events.contains { $0.kind == .overflow })
        var coalescer = EventCoalescer()
        for event in events { coalescer.add(event, at: 0) }
        #expect(coalescer.due(at: 1).contains(.rescanRoot))
    }

    @Test func directoriesBeyondTheWatchLimitArePolledAndStatusSaysSo() throws {
        let tree = TestTree()
        for name in ["a", "b", "c", "d"] { tree.write("\(name)/seed.txt", "seed") }
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let indexer = try live(harness, maxWatches: 2, poll: .seconds(1))
        defer { indexer.stop() }
        let watch = try harness.crawler.state(of: harness.roots[0])?.watch ?? ""
        #expect(watch.contains("polled"))
        for name in ["a", "b", "c", "d"] { tree.write("\(name)/later.txt", "latecomer") }
        #expect(try eventually { try harness.hits("latecomer") == 4 })
    }

    @Test func aBindfsMountChangedBehindItsBackIsCaughtByTheRescan() throws {
        guard requirement(Shell.isRoot && Shell.has("bindfs") && FileManager.default.fileExists(atPath: "/dev/fuse"),
                          "needs root, bindfs (Debian package bindfs) and /dev/fuse") else { return }
        let backing = TestTree("backing")
        backing.write("a.txt", "alpha")
        let mount = TestTree("bindfs")
        try Shell.spawnDetached("bindfs '\(backing.path)' '\(mount.path)'")
        defer { _ = try? Shell.run("umount -l '\(mount.path)'") }
        let root = RootConfiguration(name: "f", path: mount.raw, mountPoint: true)
        let harness = try CrawlHarness(roots: [root])
        try harness.run()
        #expect(try harness.crawler.state(of: root)?.network == true)
        let watcher = try InotifyWatcher(root: mount.raw, excludes: ExcludeMatcher([]))
        watcher.watchTree(RawPath(bytes: []))
        backing.write("b.txt", "unseen")  // another "client" writes on the server side
        usleep(300_000)
        #expect(watcher.read().isEmpty)  // inotify on the mount sees nothing
        #expect(try harness.run().indexed == 1)
        #expect(try harness.hits("unseen") == 1)
    }
}

/// A flag one thread sets and another polls.
final class StopFlagForTests: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
