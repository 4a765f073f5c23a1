import Foundation
import HDriveCore
@testable import HDriveCrawl
import HDriveIndex
import Testing

/// A rescan compares each directory with its own catalog rows, read by byte ranges.
@Suite struct DirectoryCompareTests {
    @Test func aDirectorysRangesSkipTheSubtreesOfItsSubdirectories() {
        func text(_ ranges: [(lower: [UInt8], upper: [UInt8]?)]) -> [String] {
            ranges.map { String(decoding: $0.lower, as: UTF8.self) + ".." + ($0.upper.map { String(decoding: $0, as: UTF8.self) } ?? "") }
        }
        #expect(text(RootScan.childRanges(of: RawPath(bytes: []), subdirectories: [])) == [".."])
        #expect(text(RootScan.childRanges(of: RawPath(bytes: []), subdirectories: [RawPath("b"), RawPath("a")]))
            == ["..a/", "a0..b/", "b0.."])
        #expect(text(RootScan.childRanges(of: RawPath(bytes: []), subdirectories: [RawPath("a"), RawPath("a.d")]))
            == ["..a.d/", "a.d0..a/", "a0.."])
        #expect(text(RootScan.childRanges(of: RawPath("x/y"), subdirectories: [RawPath("x/y/s")]))
            == ["x/y/..x/y/s/", "x/y/s0..x/y0"])
    }

    @Test func namesSortingAroundTheSeparatorAreComparedCorrectly() throws {
        let tree = TestTree()
        // '-' and '.' sort before '/', '0' after it: files interleave with the subtree of "a".
        for name in ["a-b.txt", "a.txt", "a/b.txt", "a/c/d.txt", "a0.txt", "b.txt", "a.d/e.txt"] { tree.write(name, "word \(name)") }
        tree.write(rawName: [0xFF, 0x41], "raw")
        let harness = try CrawlHarness(tree: tree)
        #expect(try harness.run().indexed == 8)
        let again = try harness.run()
        #expect(again.unchanged == 8 && again.indexed == 0 && again.deleted == 0 && again.moved == 0)
    }

    @Test func filesOfAVanishedOrExcludedDirectoryAreDeletedAndAFileBecomingADirectoryIsBoth() throws {
        let tree = TestTree()
        for i in 0..<5 { tree.write("keep/f\(i).txt", "keeper") }
        tree.write("gone/deeper/x.txt", "vanished")
        tree.write("cache/y.txt", "cached")
        tree.write("item", "was a file")
        let harness = try CrawlHarness(tree: tree) { $0.allowMassDelete = true; $0.excludes += ["cache"] }
        try harness.run()
        #expect(try harness.paths().contains("gone/deeper/x.txt"))
        #expect(try !harness.paths().contains("cache/y.txt"))

        tree.remove("gone")
        tree.remove("item")
        tree.write("item/inside.txt", "now a directory")
        let summary = try harness.run()
        #expect(summary.deleted == 2 && summary.unchanged == 5)
        #expect(try harness.paths() == ["item/inside.txt"] + (0..<5).map { "keep/f\($0).txt" })
        #expect(try harness.integrity().isEmpty)
    }
}
