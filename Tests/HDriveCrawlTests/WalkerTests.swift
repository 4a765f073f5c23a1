import Foundation
import Glibc
import HDriveCore
import HDriveCrawl
import HDriveIndex
import Testing

/// The tree as shares really are: legacy names, deep paths, links, FIFOs, locked folders.
@Suite struct WalkerTests {
    @Test func windows1252AndCP437NamesAreIndexedAndReadable() throws {
        let tree = TestTree()
        tree.write(rawName: Array("Begroting_f".utf8) + [0xE9] + Array(".txt".utf8), "kwartaalcijfers")
        tree.write(rawName: [0x72, 0x82, 0x73, 0x75, 0x6D, 0x82] + Array(".txt".utf8), "curriculum")
        let harness = try CrawlHarness(tree: tree)
        let summary = try harness.run()
        #expect(summary.indexed == 2 && summary.failed == 0)
        #expect(try harness.hits("kwartaalcijfers") == 1)
        #expect(try harness.hits("curriculum") == 1)
        #expect(try harness.paths().contains("Begroting_f\\xE9.txt"))
        #expect(try harness.run().unchanged == 2)
    }

    @Test func pathsLongerThanPathMaxAreWalkedAndExtracted() throws {
        let tree = TestTree()
        var fd = open(tree.path, O_RDONLY | O_DIRECTORY)
        let component = String(repeating: "d", count: 200)
        for _ in 0..<25 {
            mkdirat(fd, component, 0o755)
            let next = openat(fd, component, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        let file = openat(fd, "deep.txt", O_WRONLY | O_CREAT, 0o644)
        _ = Array("profundity".utf8).withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        close(fd)
        let harness = try CrawlHarness(tree: tree)
        let summary = try harness.run()
        #expect(summary.indexed == 1 && summary.failed == 0)
        #expect(try harness.hits("profundity") == 1)
        #expect(try harness.paths().first!.utf8.count > Int(PATH_MAX))
    }

    @Test func symlinksAreNotFollowedByDefault() throws {
        let tree = TestTree()
        tree.write("real/a.txt", "alpha")
        try Shell.run("cd '\(tree.path)' && ln -s real linkdir && ln -s real/a.txt linkfile && ln -s /etc etc")
        let harness = try CrawlHarness(tree: tree)
        #expect(try harness.run().seen == 1)
        #expect(try harness.paths() == ["real/a.txt"])
    }

    @Test func followedSymlinksNeverLoopNorLeaveTheRoot() throws {
        let tree = TestTree()
        tree.write("real/a.txt", "alpha")
        try Shell.run("cd '\(tree.path)' && ln -s .. real/up && ln -s real again && ln -s /etc etc && ln -s real/a.txt b.txt && ln -s missing dangling")
        let root = RootConfiguration(name: "t", path: tree.raw, followSymlinks: true)
        // Many fresh crawls: with several threads, what is indexed must not depend on which
        // thread got somewhere first (a link to a directory once raced its real path).
        for _ in 0..<15 {
            let harness = try CrawlHarness(roots: [root])
            try harness.run()
            #expect(try harness.paths() == ["b.txt", "real/a.txt"])
            #expect(harness.extractor.total == 1)  // b.txt is a second path of a.txt: extracted once
            #expect(try harness.hits("alpha") == 2)
        }
    }

    @Test func fifosAndOtherSpecialFilesAreSkipped() throws {
        let tree = TestTree()
        tree.write("a.txt", "alpha")
        try Shell.run("mkfifo '\(tree.path)/pipe'")
        let harness = try CrawlHarness(tree: tree)
        #expect(try harness.run().seen == 1)
    }

    @Test func excludesApplyGloballyAndPerRoot() throws {
        let tree = TestTree()
        tree.write("keep.txt", "kept")
        tree.write("~$lock.docx", "x")
        tree.write("old.bak", "x")
        tree.write("scratch/tmp.txt", "x")
        tree.write("sub/scratch/keep2.txt", "kept")
        let root = RootConfiguration(name: "t", path: tree.raw, excludes: ["*.BAK", "scratch/*"])
        let harness = try CrawlHarness(roots: [root])
        try harness.run()
        #expect(try harness.paths() == ["keep.txt", "sub/scratch/keep2.txt"])
    }

    @Test func hardLinksAreExtractedOnceAndEachPathIsIndexed() throws {
        let tree = TestTree()
        tree.write("a/report.txt", "synergy")
        try Shell.run("mkdir '\(tree.path)/b' && ln '\(tree.path)/a/report.txt' '\(tree.path)/b/copy.txt'")
        let harness = try CrawlHarness(tree: tree)
        let summary = try harness.run()
        #expect(summary.indexed == 2)
        #expect(harness.extractor.total == 1)
        #expect(try harness.hits("synergy") == 2)
        // A new link changes every path's ctime (the link count): the file is read once more, not once per path.
        try Shell.run("ln '\(tree.path)/a/report.txt' '\(tree.path)/third.txt'")
        try harness.run()
        #expect(harness.extractor.total == 2)
        #expect(try harness.hits("synergy") == 3)
    }

    /// Links to files extracted in an earlier chunk of the batch, or in the chunk still being
    /// extracted while the next one is planned, take that extraction too.
    @Test func hardLinksAcrossChunksAreExtractedOnce() throws {
        let tree = TestTree()
        for i in 0..<150 { tree.write("a/f\(i).txt", "common unique\(i)") }
        try Shell.run("mkdir '\(tree.path)/z' && for i in 0 1 2 3 70 71 72 130 140 149; do ln '\(tree.path)/a/f'$i.txt '\(tree.path)/z/l'$i.txt; done")
        let harness = try CrawlHarness(tree: tree)
        let summary = try harness.run()
        #expect(summary.indexed == 160)
        #expect(harness.extractor.total == 150)
        #expect(try harness.hits("common") == 160)
        #expect(try harness.hits("unique72") == 2)
    }

    @Test func ownerGroupAndModeOfFilesAndTheirDirectoryChainAreRecorded() throws {
        let tree = TestTree()
        tree.write("hr/salaries/2024.txt", "confidential")
        try Shell.run("chmod 750 '\(tree.path)/hr' && chmod 700 '\(tree.path)/hr/salaries' && chmod 640 '\(tree.path)/hr/salaries/2024.txt'")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let id = try harness.crawler.rootID(for: harness.roots[0])
        let chain = try harness.crawler.withStore { try $0.directoryChain(rootID: id, of: RawPath("hr/salaries/2024.txt")) }
        #expect(chain.map(\.path.displayString) == ["", "hr", "hr/salaries"])
        #expect(chain.map { $0.mode & 0o777 } == [0o755 & chain[0].mode & 0o777, 0o750, 0o700])
        #expect(try (harness.entry("hr/salaries/2024.txt")?.stat.mode ?? 0) & 0o777 == 0o640)
        try Shell.run("chmod 711 '\(tree.path)/hr'")
        try harness.run()
        let updated = try harness.crawler.withStore { try $0.directoryChain(rootID: id, of: RawPath("hr/x")) }
        #expect((updated.last?.mode ?? 0) & 0o777 == 0o711)
    }

    @Test func sameFileSystemSkipsMountsBelowTheRoot() throws {
        guard requirement(Shell.isRoot, "mounting tmpfs needs root") else { return }
        let tree = TestTree()
        tree.write("a.txt", "alpha")
        tree.mkdir("mnt")
        try Shell.run("mount -t tmpfs hdrive-test '\(tree.path)/mnt'")
        defer { _ = try? Shell.run("umount -l '\(tree.path)/mnt'") }
        tree.write("mnt/b.txt", "beta")
        let stay = try CrawlHarness(roots: [RootConfiguration(name: "t", path: tree.raw, sameFileSystem: true)])
        try stay.run()
        #expect(try stay.paths() == ["a.txt"])
        let cross = try CrawlHarness(tree: tree)
        try cross.run()
        #expect(try cross.paths() == ["a.txt", "mnt/b.txt"])
    }
}
