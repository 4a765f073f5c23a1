import Foundation
import HDriveCore
import HDriveCrawl
import HDriveIndex
import Testing

/// A file changed iff (size, mtime, ctime, inode) differ; moved files keep their text.
@Suite struct ChangeDetectionTests {
    @Test func aCopiedInFileWithAnOldDateIsFound() throws {
        let tree = TestTree()
        tree.write("a.txt", "alpha")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        tree.write("old.txt", "archival")
        try Shell.run("touch -d '2001-01-01' '\(tree.path)/old.txt'")
        #expect(try harness.run().indexed == 1)
        #expect(try harness.hits("archival") == 1)
    }

    @Test func aChangedFileIsExtractedAgainAndAnUnchangedOneIsNot() throws {
        let tree = TestTree()
        tree.write("a.txt", "alpha")
        tree.write("b.txt", "beta")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        tree.write("a.txt", "gamma")
        let summary = try harness.run()
        #expect(summary.indexed == 1 && summary.unchanged == 1)
        #expect(harness.extractor.count("a.txt") == 2 && harness.extractor.count("b.txt") == 1)
        #expect(try harness.hits("alpha") == 0 && harness.hits("gamma") == 1)
    }

    @Test func aRenamedFileKeepsItsTextWithoutExtraction() throws {
        let tree = TestTree()
        for i in 0..<20 { tree.write("f\(i).txt", "filler \(i)") }
        tree.write("draft.txt", "memorandum")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let before = try harness.entry("draft.txt")
        harness.extractor.reset()
        tree.move("draft.txt", "archive/final.txt")
        let summary = try harness.run()
        #expect(summary.moved == 1 && summary.deleted == 0 && summary.indexed == 0)
        #expect(harness.extractor.total == 0)
        #expect(try harness.entry("archive/final.txt")?.fileID == before?.fileID)
        #expect(try harness.entry("draft.txt") == nil)
        #expect(try harness.hits("memorandum") == 1)
        #expect(try harness.hits("final") == 1)
        #expect(try harness.hits("draft") == 0)
        #expect(try harness.integrity().isEmpty)
    }

    @Test func aFileCopiedElsewhereAndDeletedIsRecognisedByItsContent() throws {
        let tree = TestTree()
        for i in 0..<20 { tree.write("f\(i).txt", "filler \(i)") }
        tree.write("plan.txt", "roadmap")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        harness.extractor.reset()
        try Shell.run("cd '\(tree.path)' && cp plan.txt plan2.txt && rm plan.txt")
        let summary = try harness.run()
        #expect(summary.moved == 1 && harness.extractor.total == 0)
        #expect(try harness.paths().contains("plan2.txt"))
        #expect(try harness.hits("roadmap") == 1)
    }

    @Test func identicalContentUnderSeveralPathsIsReportedAsDuplicates() throws {
        let tree = TestTree()
        tree.write("a/report.txt", "same words")
        tree.write("b/report copy.txt", "same words")
        tree.write("c/other.txt", "different")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let status = try harness.crawler.withStore { try $0.status() }
        #expect(status.duplicateGroups == 1 && status.duplicateFiles == 2)
        let groups = try harness.crawler.withStore { try $0.duplicates(limit: 10) }
        #expect(groups.first?.map(\.path.displayString) == ["a/report.txt", "b/report copy.txt"])
    }
}
