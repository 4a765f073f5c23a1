import HDriveCore
import HDriveCrawl
import Testing

@Suite struct EventCoalescerTests {
    let ms: Int64 = 1_000_000
    func path(_ text: String) -> RawPath { RawPath(text) }

    @Test func aFileBeingWrittenIsIndexedOnceAfterItIsClosed() {
        var coalescer = EventCoalescer(quietPeriod: 300 * ms, writeTimeout: 30_000 * ms)
        coalescer.add(WatchEvent(.created, path("a.docx")), at: 0)
        for t in stride(from: Int64(10), through: 2000, by: 10) { coalescer.add(WatchEvent(.modified, path("a.docx")), at: t * ms) }
        #expect(coalescer.due(at: 3000 * ms).isEmpty)  // still open for writing
        coalescer.add(WatchEvent(.closedWrite, path("a.docx")), at: 3000 * ms)
        #expect(coalescer.due(at: 3100 * ms).isEmpty)  // quiet period not over
        #expect(coalescer.due(at: 3300 * ms) == [.changed(path("a.docx"))])
        #expect(coalescer.isIdle)
    }

    @Test func aFileNeverClosedIsIndexedAfterTheWriteTimeout() {
        var coalescer = EventCoalescer(quietPeriod: 300 * ms, writeTimeout: 5000 * ms)
        coalescer.add(WatchEvent(.modified, path("log.txt")), at: 0)
        #expect(coalescer.due(at: 4000 * ms).isEmpty)
        #expect(coalescer.due(at: 5000 * ms) == [.changed(path("log.txt"))])
    }

    @Test func renamePairsMatchedByCookieBecomeMoves() {
        var coalescer = EventCoalescer()
        coalescer.add(WatchEvent(.movedFrom, path("old.txt"), cookie: 7), at: 0)
        coalescer.add(WatchEvent(.movedFrom, path("dir"), isDirectory: true, cookie: 8), at: 0)
        coalescer.add(WatchEvent(.movedTo, path("new.txt"), cookie: 7), at: 1 * ms)
        coalescer.add(WatchEvent(.movedTo, path("renamed"), isDirectory: true, cookie: 8), at: 1 * ms)
        #expect(coalescer.due(at: 2 * ms) == [.moved(from: path("old.txt"), to: path("new.txt"), isDirectory: false),
                                               .moved(from: path("dir"), to: path("renamed"), isDirectory: true)])
    }

    @Test func aSaveThroughATemporaryFileIsAMoveThenNothingElse() {
        var coalescer = EventCoalescer(quietPeriod: 300 * ms)
        coalescer.add(WatchEvent(.created, path("doc.tmp1")), at: 0)
        coalescer.add(WatchEvent(.closedWrite, path("doc.tmp1")), at: 5 * ms)
        coalescer.add(WatchEvent(.movedFrom, path("doc.tmp1"), cookie: 3), at: 6 * ms)
        coalescer.add(WatchEvent(.movedTo, path("doc.txt"), cookie: 3), at: 6 * ms)
        #expect(coalescer.due(at: 7 * ms) == [.moved(from: path("doc.tmp1"), to: path("doc.txt"), isDirectory: false)])
        #expect(coalescer.due(at: 400 * ms) == [.changed(path("doc.txt"))])
    }

    @Test func anUnpairedMoveOutIsARemovalToConfirm() {
        var coalescer = EventCoalescer(pairWindow: 250 * ms)
        coalescer.add(WatchEvent(.movedFrom, path("gone.txt"), cookie: 9), at: 0)
        #expect(coalescer.due(at: 100 * ms).isEmpty)
        #expect(coalescer.due(at: 300 * ms) == [.removed(path("gone.txt"))])
    }

    @Test func anUnpairedMoveInIsACreation() {
        var coalescer = EventCoalescer(quietPeriod: 300 * ms)
        coalescer.add(WatchEvent(.movedTo, path("in.txt"), cookie: 4), at: 0)
        coalescer.add(WatchEvent(.movedTo, path("folder"), isDirectory: true, cookie: 5), at: 0)
        #expect(coalescer.due(at: 300 * ms) == [.scanDirectory(path("folder")), .changed(path("in.txt"))])
    }

    @Test func aFileCreatedAndDeletedInTheQuietPeriodIsOnlyRemoved() {
        var coalescer = EventCoalescer(quietPeriod: 300 * ms)
        coalescer.add(WatchEvent(.created, path("x")), at: 0)
        coalescer.add(WatchEvent(.deleted, path("x")), at: 10 * ms)
        #expect(coalescer.due(at: 400 * ms) == [.removed(path("x"))])
    }

    @Test func anOverflowAsksForARescanOfTheRoot() {
        var coalescer = EventCoalescer()
        coalescer.add(WatchEvent(.modified, path("a")), at: 0)
        coalescer.add(WatchEvent(.overflow, RawPath(bytes: [])), at: 0)
        #expect(coalescer.nextDeadline() == 0)
        #expect(coalescer.due(at: 1) == [.rescanRoot])
        #expect(coalescer.isIdle)
    }
}
