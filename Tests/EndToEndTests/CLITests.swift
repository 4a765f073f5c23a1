import Foundation
import Testing

@Suite struct CLITests {
    @Test func indexesRealOfficeFilesAndFindsThemByContentAndTitle() throws {
        let workspace = try Workspace()
        try workspace.addFixtures()
        let index = try run(["index", workspace.share, "--data-dir", workspace.data])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("seen 4, indexed 4, unchanged 0, failed 0, deleted 0"))

        #expect(try workspace.searchPaths("waterschapsbegroting") == ["begroting-waterschap.odt"])
        #expect(try workspace.searchPaths("kantoorverhuizing") == ["besluit-huisvesting-2008.docx"])
        #expect(try workspace.searchPaths("quarterly budget review").first == "quarterly-review.docx")
        #expect(try workspace.searchPaths("reiskostenvergoeding") == ["reiskosten.txt"])
        // The docx's title property is shown and searchable.
        let json = try run(["search", "huisvesting", "--json", "--data-dir", workspace.data])
        #expect(json.stdout.contains("\"title\" : \"Besluit huisvesting 2008\""))
    }

    @Test func reindexingAnUnchangedTreeReadsNothingAndChangesFollow() throws {
        let workspace = try Workspace()
        try workspace.write("a.txt", "de eerste versie van het memo")
        try workspace.write("sub/b.txt", "the board approved the budget")
        try workspace.write("gone.txt", "this file will be deleted soon")
        #expect(try run(["index", workspace.share, "--data-dir", workspace.data]).status == 0)

        let again = try run(["index", workspace.share, "--data-dir", workspace.data])
        #expect(again.stdout.contains("seen 3, indexed 0, unchanged 3, failed 0, deleted 0"))

        try workspace.write("a.txt", "de tweede versie van het memo, langer dan de eerste")
        try workspace.write("sub/new.txt", "a brand new policy document")
        try FileManager.default.removeItem(atPath: workspace.share + "/gone.txt")
        let changed = try run(["index", workspace.share, "--data-dir", workspace.data])
        #expect(changed.stdout.contains("seen 3, indexed 2, unchanged 1, failed 0, deleted 1"), "\(changed.stdout)")

        #expect(try workspace.searchPaths("tweede") == ["a.txt"])
        #expect(try workspace.searchPaths("eerste") == ["a.txt"])
        #expect(try workspace.searchPaths("policy") == ["new.txt"])
        #expect(try workspace.searchPaths("deleted").isEmpty)
    }

    @Test func relativePathsWorkFromTheCurrentDirectory() throws {
        let workspace = try Workspace()
        try workspace.write("notes.txt", "vergadering over de begroting")
        let index = try run(["index", "share", "--data-dir", "data"], in: workspace.path)
        #expect(index.status == 0, "\(index.stderr)")
        let search = try run(["search", "vergadering", "--data-dir", "data"], in: workspace.path)
        #expect(search.stdout.contains("notes.txt"))
        #expect(search.stdout.contains("[vergadering]"))
    }

    @Test func unreadableFilesKeepTheirNameSearchable() throws {
        let workspace = try Workspace()
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: workspace.share + "/Jaarverslag 2008.docx"))
        let index = try run(["index", workspace.share, "--data-dir", workspace.data])
        #expect(index.stdout.contains("failed 1"))
        #expect(try workspace.searchPaths("jaarverslag") == ["Jaarverslag 2008.docx"])
        let status = try run(["status", "--data-dir", workspace.data])
        #expect(status.stdout.contains("failures: corrupt 1"), "\(status.stdout)")
        #expect(status.stdout.contains("Jaarverslag 2008.docx: corrupt:"))
        #expect(status.stdout.contains("helpers: pdftotext (PDF) "))
    }

    @Test func extractPrintsTextAndMetadataOfARealDocx() throws {
        let fixtures = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures"))
        let result = try run(["extract", fixtures.appendingPathComponent("besluit-huisvesting-2008.docx").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("type: docx"))
        #expect(result.stdout.contains("title: Besluit huisvesting 2008"))
        #expect(result.stdout.contains("kantoorverhuizing"))
        let json = try run(["extract", "--json", fixtures.appendingPathComponent("begroting-waterschap.odt").path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "odt")
        #expect((object?["text"] as? String)?.contains("waterschapsbegroting") == true)
    }

    @Test func extractOfABrokenFileIsOneLineAndAFailingExit() throws {
        let workspace = try Workspace()
        let broken = workspace.share + "/broken.docx"
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 7, count: 40)).write(to: URL(fileURLWithPath: broken))
        let result = try run(["extract", broken])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("hdrive: \(broken): corrupt:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let json = try run(["extract", "--json", broken])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"kind\" : \"corrupt\""))
    }

    @Test func errorsAreOneLineAndNonZero() throws {
        let noIndex = try run(["search", "x", "--data-dir", "/nonexistent/hdrive-data"])
        #expect(noIndex.status != 0)
        #expect(noIndex.stderr == "hdrive: no index in /nonexistent/hdrive-data: run `hdrive index` first\n")
        let notADirectory = try run(["index", "/nonexistent/share", "--data-dir", "/tmp/x"])
        #expect(notADirectory.stderr == "hdrive: /nonexistent/share is not a directory\n")
        let badConfig = try run(["status", "--config", "/nonexistent.yaml"])
        #expect(badConfig.stderr == "hdrive: cannot read config file /nonexistent.yaml: no such file\n")
        let badLimit = try run(["search", "x", "--limit", "0", "--data-dir", "/tmp"])
        #expect(badLimit.status != 0)
        #expect(!badLimit.stderr.contains("Fatal error"))
    }

    @Test func helpExplainsEveryCommand() throws {
        let help = try run(["--help"])
        for command in ["serve", "index", "search", "extract", "status"] {
            #expect(help.stdout.contains("  \(command) "), "\(command) missing from --help")
        }
        // A command's discussion is wrapped by the help's width, not where its source lines break.
        let index = try run(["index", "--help"])
        let paragraph = index.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("Unchanged files") } ?? ""
        let lines = paragraph.split(separator: "\n")
        #expect(lines.count >= 3 && lines.dropLast().allSatisfy { $0.count >= 60 }, "\(paragraph)")
    }
}

@Suite struct ArchiveTests {
    @Test func filesInsideAZipAreFoundAsThemselves() throws {
        let workspace = try Workspace()
        try workspace.write("inside/notulen.txt", "notulen van de ondernemingsraad over de kantinebegroting")
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        zip.arguments = ["-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[2],'map/notulen.txt'); z.close()",
                         workspace.share + "/archief.zip", workspace.share + "/inside/notulen.txt"]
        try zip.run()
        zip.waitUntilExit()
        try FileManager.default.removeItem(atPath: workspace.share + "/inside")
        #expect(try run(["index", workspace.share, "--data-dir", workspace.data]).status == 0)
        // The hit is the member, addressed inside its archive.
        #expect(try workspace.searchPaths("kantinebegroting") == ["notulen.txt"])
        let result = try run(["search", "kantinebegroting", "--json", "--data-dir", workspace.data])
        #expect(result.stdout.contains("<mark>kantinebegroting</mark>"))
        #expect(result.stdout.contains("archief.zip//map/notulen.txt"))
        #expect(try workspace.searchPaths("type:text kantinebegroting") == ["notulen.txt"])
        #expect(try workspace.searchPaths("type:archive kantinebegroting").isEmpty)
    }
}
