import Foundation
import Testing

/// The files an admin installs: the systemd units and the demo share.
@Suite struct PackagingTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["hdrive.service", "hdrive-rescan.service", "hdrive-rescan.timer"])
    func systemdUnitsVerifyWithoutComplaint(unit: String) throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze), "systemd-analyze is not installed (make deps installs systemd)")
        let workspace = try Workspace()
        // verify checks that ExecStart exists: point the units at the binary under test.
        for name in ["hdrive.service", "hdrive-rescan.service", "hdrive-rescan.timer"] {
            let text = try String(contentsOf: Self.repository.appendingPathComponent("systemd/\(name)"), encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/hdrive", with: HDriveBinary.path)
                .write(toFile: workspace.path + "/" + name, atomically: true, encoding: .utf8)
        }
        let result = try run(["verify", workspace.path + "/" + unit], executable: analyze)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func theDemoShareIndexesWithoutFailuresAndAnswersItsQueries() throws {
        let workspace = try Workspace()
        let share = Self.repository.appendingPathComponent("examples/share").path
        let index = try run(["index", share, "--data-dir", workspace.data])
        #expect(index.status == 0)
        #expect(index.stdout.contains("failed 0"), "\(index.stdout)")
        for query in ["begroting", "budget", "vergadering", "travel policy"] {
            let result = try run(["search", query, "--json", "--data-dir", workspace.data])
            let hits = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(!hits.isEmpty, "no hits for \(query)")
        }
    }
}
