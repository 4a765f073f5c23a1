import Foundation
import HDriveCore
import HDriveCrawl
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
}
