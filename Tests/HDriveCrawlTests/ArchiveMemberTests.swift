import Foundation
import HDriveCore
import HDriveIndex
import Testing

/// Files inside a .zip are documents of their own that belong to the archive: found by their
/// text, named by their member path, moved and removed with the archive.
@Suite struct ArchiveMemberTests {
    /// Writes a zip of (member path, text) pairs with Python's zipfile, a real producer.
    static func zip(_ tree: TestTree, _ relative: String, _ members: [(String, String)]) throws {
        let full = tree.path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let pairs = members.map { "('\($0.0)', '\($0.1)')" }.joined(separator: ", ")
        _ = try Shell.run("""
            python3 -c "import zipfile; z = zipfile.ZipFile('\(full)', 'w', zipfile.ZIP_DEFLATED); \
            [z.writestr(n, t) for n, t in [\(pairs)]]; z.close()"
            """)
    }

    static func documentCount(_ harness: CrawlHarness) throws -> Int {
        try IndexReader(directory: harness.data.path).read { snapshot in
            snapshot.segments.reduce(0) { $0 + $1.liveCount }
        }
    }

    /// The stored document of the one live document holding `term`.
    static func stored(_ harness: CrawlHarness, _ term: String) throws -> [StoredDocument] {
        try IndexReader(directory: harness.data.path).read { snapshot in
            var ids: [Int64] = []
            for (segment, list) in try snapshot.postings(for: term) {
                try list.forEach { local, _ in
                    if !segment.isDeleted(local) { ids.append(segment.baseDoc + Int64(local)) }
                }
            }
            return try ids.compactMap { try snapshot.storedDocument($0) }
        }
    }

    @Test func eachMemberIsADocumentNamedByItsPathInTheArchive() throws {
        let tree = TestTree()
        try Self.zip(tree, "2008/archief.zip", [("map/notulen.txt", "notulen over de kantinebegroting"),
                                                ("verslag.txt", "het jaarverslag")])
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        let hits = try Self.stored(harness, "kantinebegroting")
        #expect(hits.map(\.displayPath) == [tree.path + "/2008/archief.zip//map/notulen.txt"])
        #expect(hits.first?.type == .text)
        #expect(hits.first?.relativePath.displayString == "2008/archief.zip")
        #expect(hits.first?.member == "map/notulen.txt")
        // The archive's own document holds the member names, not their text.
        #expect(try Self.stored(harness, "notulen").map(\.displayPath).sorted()
                == [tree.path + "/2008/archief.zip", tree.path + "/2008/archief.zip//map/notulen.txt"])
        #expect(try Self.documentCount(harness) == 3)
        #expect(try harness.integrity().isEmpty)
    }

    @Test func membersMoveWithTheArchiveWithoutExtraction() throws {
        let tree = TestTree()
        for i in 0..<20 { tree.write("f\(i).txt", "filler \(i)") }
        try Self.zip(tree, "archief.zip", [("verslag.txt", "het jaarverslag")])
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        harness.extractor.reset()
        tree.move("archief.zip", "oud/archief-2008.zip")
        let summary = try harness.run()
        #expect(summary.moved == 1 && harness.extractor.total == 0)
        #expect(try Self.stored(harness, "jaarverslag").map(\.displayPath) == [tree.path + "/oud/archief-2008.zip//verslag.txt"])
        #expect(try Self.documentCount(harness) == 22)
        #expect(try harness.integrity().isEmpty)
    }

    @Test func membersLeaveWithTheArchiveAndFollowItsChanges() throws {
        let tree = TestTree()
        try Self.zip(tree, "archief.zip", [("a.txt", "kwartaalcijfers"), ("b.txt", "personeelsplanning")])
        tree.write("los.txt", "los bestand")
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        #expect(try harness.hits("kwartaalcijfers") == 1)

        tree.remove("archief.zip")
        try Self.zip(tree, "archief.zip", [("b.txt", "personeelsplanning herzien")])
        try harness.run()
        #expect(try harness.hits("kwartaalcijfers") == 0)
        #expect(try harness.hits("herzien") == 1)
        #expect(try Self.documentCount(harness) == 3)

        tree.remove("archief.zip")
        try harness.run()
        #expect(try harness.hits("personeelsplanning") == 0)
        #expect(try Self.documentCount(harness) == 1)
        #expect(try harness.integrity().isEmpty)
    }

    @Test func aMemberThatCannotBeReadIsFoundByNameWithItsOwnFailure() throws {
        let tree = TestTree()
        _ = try Shell.run("""
            python3 -c "import zipfile; z = zipfile.ZipFile('\(tree.path)/archief.zip', 'w'); \
            z.writestr('kapot.docx', b'PK\\x03\\x04' + bytes(40)); z.writestr('goed.txt', 'leesbaar'); z.close()"
            """)
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        // The archive's own document lists the name too; the member is the other hit.
        let broken = try Self.stored(harness, "kapot").filter { $0.member != nil }
        #expect(broken.map(\.displayPath) == [tree.path + "/archief.zip//kapot.docx"])
        #expect(broken.first?.failureKind == "corrupt")
        #expect(try Self.stored(harness, "leesbaar").first?.failureKind == nil)
    }

    @Test func nestedArchivesAreFlattenedWithDoubleSlashes() throws {
        let tree = TestTree()
        let inner = TestTree("inner")
        try Self.zip(inner, "binnen.zip", [("diep/memo.txt", "vertrouwelijk memorandum")])
        let innerBytes = try Data(contentsOf: URL(fileURLWithPath: inner.path + "/binnen.zip"))
        _ = try Shell.run("cd '\(inner.path)' && python3 -c \"import zipfile; z = zipfile.ZipFile('\(tree.path)/buiten.zip', 'w'); z.write('binnen.zip'); z.close()\"")
        #expect(!innerBytes.isEmpty)
        let harness = try CrawlHarness(tree: tree)
        try harness.run()
        #expect(try Self.stored(harness, "memorandum").map(\.displayPath) == [tree.path + "/buiten.zip//binnen.zip//diep/memo.txt"])
        #expect(try harness.integrity().isEmpty)
    }
}
