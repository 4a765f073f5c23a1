import Foundation
import HDriveCore
import HDriveCrawl
import HDriveIndex
import Testing

/// An unmounted or half-gone share must never be read as "every file was deleted".
@Suite(.serialized) struct RootSafetyTests {
    func filledTree(_ count: Int) -> TestTree {
        let tree = TestTree("share")
        for i in 0..<count { tree.write("dir\(i % 4)/file\(i).txt", "report number \(i)") }
        return tree
    }

    @Test func aRootThatVanishedKeepsAllItsDocumentsAndIsMarkedUnavailable() throws {
        let parent = TestTree("parent")
        let share = parent.path + "/share"
        try Shell.run("mkdir '\(share)' && echo budget > '\(share)/a.txt'")
        let harness = try CrawlHarness(roots: [RootConfiguration(name: "s", path: RawPath(share))])
        try harness.run()
        try Shell.run("rm -rf '\(share)'")
        let summary = try harness.run()
        #expect(summary.unavailableRoots == ["s"])
        #expect(summary.deleted == 0)
        #expect(try harness.paths() == ["a.txt"])
        #expect(try harness.crawler.state(of: harness.roots[0])?.available == false)
    }

    @Test func aRootWhoseFileSystemStopsAnsweringIsGivenUpAndTheOthersAreScanned() throws {
        guard requirement(Shell.has("gcc"), "needs gcc (to build the LD_PRELOAD shim)"),
              let hdrive = HDriveBinary.path else { return }
        // A hung NFS or CIFS mount: fstatat and openat of one name never return.
        let work = TestTree("hang")
        work.write("hang.c", """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <fcntl.h>
            #include <stdarg.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/stat.h>
            #include <unistd.h>
            static int hangs(const char *path) {
                const char *name = getenv("HANG_NAME"), *base = strrchr(path, '/');
                return name && strcmp(base ? base + 1 : path, name) == 0;
            }
            static void forever(void) { for (;;) pause(); }
            int fstatat(int dirfd, const char *path, struct stat *buf, int flags) {
                static int (*real)(int, const char *, struct stat *, int);
                if (!real) real = dlsym(RTLD_NEXT, "fstatat");
                if (hangs(path)) forever();
                return real(dirfd, path, buf, flags);
            }
            int open(const char *path, int flags, ...) {
                static int (*real)(const char *, int, ...);
                if (!real) real = dlsym(RTLD_NEXT, "open");
                va_list args; va_start(args, flags); mode_t mode = va_arg(args, int); va_end(args);
                if (hangs(path)) forever();
                return real(path, flags, mode);
            }
            int openat(int dirfd, const char *path, int flags, ...) {
                static int (*real)(int, const char *, int, ...);
                if (!real) real = dlsym(RTLD_NEXT, "openat");
                va_list args; va_start(args, flags); mode_t mode = va_arg(args, int); va_end(args);
                if (hangs(path)) forever();
                return real(dirfd, path, flags, mode);
            }
            """)
        try Shell.run("gcc -shared -fPIC -O2 -o '\(work.path)/hang.so' '\(work.path)/hang.c' -ldl")
        let share = filledTree(8)
        share.write("stuck/inside.txt", "frozen")
        let other = TestTree("other")
        other.write("a.txt", "steady")
        let config = work.write("hdrive.yaml", """
            data_dir: \(work.path)/data
            roots:
              - path: \(share.path)
                name: share
              - path: \(other.path)
                name: other
            limits:
              walk_stall_timeout: 2s
            """)
        let index = "'\(hdrive)' index --quiet --config '\(config)' 2>&1; echo exit=$?"
        #expect(try Shell.run(index).contains("exit=0"))

        other.write("b.txt", "latecomer")
        let started = Date()
        let hung = try Shell.run("LD_PRELOAD='\(work.path)/hang.so' HANG_NAME=stuck " + index)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(hung.contains("exit=2") && hung.contains("share"))
        let status = try Shell.run("'\(hdrive)' status --config '\(config)' 2>&1")
        #expect(status.contains("not responding"))
        // The store is opened only between runs: it holds the index's writer lock.
        func catalog() throws -> (share: Int, other: [String]) {
            let store = try IndexStore(directory: work.path + "/data")
            let roots = try store.roots()
            let shareID = try #require(roots.first { $0.name == "share" }?.id)
            let otherID = try #require(roots.first { $0.name == "other" }?.id)
            let other = try ["a.txt", "b.txt", "c.txt"].filter { try store.catalogEntry(rootID: otherID, path: RawPath($0)) != nil }
            return (try store.fileCount(rootID: shareID), other)
        }
        #expect(try catalog() == (9, ["a.txt", "b.txt"]))

        // Hung before the walk: the health probe opening the root does not return either.
        other.write("c.txt", "tardy")
        let rootName = URL(fileURLWithPath: share.path).lastPathComponent
        let probeHung = try Shell.run("LD_PRELOAD='\(work.path)/hang.so' HANG_NAME='\(rootName)' " + index)
        #expect(probeHung.contains("exit=2"))
        #expect(try Shell.run("'\(hdrive)' status --config '\(config)' 2>&1").contains("did not answer"))
        #expect(try catalog() == (9, ["a.txt", "b.txt", "c.txt"]))
    }

    @Test func aMissingSentinelKeepsTheDocuments() throws {
        let tree = filledTree(5)
        tree.write(".online", "")
        let root = RootConfiguration(name: "s", path: tree.raw, sentinel: ".online")
        let harness = try CrawlHarness(roots: [root])
        #expect(try harness.run().seen == 6)
        tree.remove(".online")
        tree.remove("dir0")
        let summary = try harness.run()
        #expect(summary.unavailableRoots == ["s"])
        #expect(try harness.paths().count == 6)
    }

    @Test func aMassDeletionIsHeldUntilASecondScanConfirmsIt() throws {
        let tree = filledTree(40)
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        tree.remove("dir0")
        tree.remove("dir1")
        let first = try harness.run()
        #expect(first.heldDeletions == 20)
        #expect(first.deleted == 0)
        #expect(try harness.paths().count == 40)
        #expect(try harness.crawler.state(of: harness.roots[0])?.heldDeletions == 20)
        let second = try harness.run()
        #expect(second.deleted == 20)
        #expect(try harness.paths().count == 20)
        #expect(try harness.crawler.state(of: harness.roots[0])?.heldDeletions == 0)
        #expect(try harness.integrity().isEmpty)
    }

    @Test func allowMassDeleteAppliesTheDeletionAtOnce() throws {
        let tree = filledTree(40)
        let harness = try CrawlHarness(tree: tree) { $0.allowMassDelete = true }
        try harness.run()
        tree.remove("dir0")
        tree.remove("dir1")
        #expect(try harness.run().deleted == 20)
    }

    @Test func aFewDeletionsApplyAtOnce() throws {
        let tree = filledTree(40)
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        tree.remove("dir0/file0.txt")
        #expect(try harness.run().deleted == 1)
    }

    @Test func anUnmountedMountPointRootKeepsItsDocuments() throws {
        guard requirement(Shell.isRoot, "mounting tmpfs needs root") else { return }
        let mountPoint = TestTree("mnt")
        try Shell.run("mount -t tmpfs hdrive-test '\(mountPoint.path)'")
        defer { _ = try? Shell.run("umount -l '\(mountPoint.path)'") }
        for i in 0..<30 { mountPoint.write("d/file\(i).txt", "quarterly \(i)") }
        let root = RootConfiguration(name: "m", path: mountPoint.raw, mountPoint: true)
        let harness = try CrawlHarness(roots: [root])
        #expect(try harness.run().indexed == 30)
        #expect(try harness.crawler.state(of: root)?.fsType == "tmpfs")
        try Shell.run("umount -l '\(mountPoint.path)'")
        let summary = try harness.run()
        #expect(summary.unavailableRoots == ["m"])
        #expect(summary.deleted == 0)
        #expect(try harness.paths().count == 30)
        #expect(try harness.crawler.state(of: root)?.reason?.contains("nothing is mounted") == true)
    }

    @Test func aShareUnmountedInTheMiddleOfAScanLosesNothing() throws {
        guard requirement(Shell.isRoot, "mounting tmpfs needs root") else { return }
        for expectMount in [true, false] {
            let mountPoint = TestTree("mnt")
            try Shell.run("mount -t tmpfs hdrive-test '\(mountPoint.path)'")
            defer { _ = try? Shell.run("umount -l '\(mountPoint.path)' 2>/dev/null") }
            for i in 0..<60 { mountPoint.write("d\(i % 12)/file\(i).txt", "ledger \(i)") }
            let root = RootConfiguration(name: "m", path: mountPoint.raw, mountPoint: expectMount)
            let harness = try CrawlHarness(roots: [root]) { $0.walkThreads = 1 }
            try harness.run()
            mountPoint.write("d0/new.txt", "new")
            // The walker polls shouldStop once per directory: unmount after a few of them.
            let polls = Counter()
            let summary = try harness.crawler.scan(root: root, shouldStop: {
                if polls.next() == 4 { _ = try? Shell.run("umount -l '\(mountPoint.path)'") }
                return false
            })
            #expect(summary.deleted == 0)
            #expect(summary.unavailableRoots == ["m"])
            #expect(try harness.paths().count >= 60)
            let again = try harness.run()
            #expect(again.deleted == 0)
            #expect(try harness.paths().count >= 60)
        }
    }

    @Test func aBindMountedRootIsRecognisedAsAMountPoint() throws {
        guard requirement(Shell.isRoot, "bind mounts need root") else { return }
        let source = filledTree(4)
        let target = TestTree("bind")
        try Shell.run("mount --bind '\(source.path)' '\(target.path)'")
        defer { _ = try? Shell.run("umount -l '\(target.path)'") }
        let root = RootConfiguration(name: "b", path: target.raw, mountPoint: true)
        let harness = try CrawlHarness(roots: [root])
        #expect(try harness.run().indexed == 4)
        #expect(try harness.crawler.state(of: root)?.available == true)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
