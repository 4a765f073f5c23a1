import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kill -9 at random moments of indexing runs, then one clean run: the index must open, pass
/// its integrity check, and answer a query set exactly as a fresh index of the same tree.
@Suite struct CrashSafetyTests {
    static let words = ["begroting", "waterschap", "vergadering", "budget", "review", "archief", "verhuizing",
                        "contract", "reiskosten", "planning", "besluit", "policy", "travel", "kantoor", "project"]

    /// A tree of text files whose words come from a fixed generator, so queries have many hits.
    func makeTree(_ workspace: Workspace, files: Int) throws {
        var generator = SplitMix(seed: 42)
        for n in 0..<files {
            let body = (0..<40).map { _ in Self.words[Int(generator.next() % UInt64(Self.words.count))] }.joined(separator: " ")
            try workspace.write("dir\(n % 7)/file\(n).txt", body + " document\(n)")
        }
    }

    /// The number of matches and, when they fit on one page, which files they are. Scores may
    /// differ: tombstones still count in document frequencies until a merge reclaims them.
    func hits(_ data: String, _ query: String) throws -> (total: String, paths: Set<String>) {
        let plain = try run(["search", query, "--data-dir", data])
        guard plain.status == 0 else { throw E2EError("search failed: \(plain.stderr)") }
        let total = plain.stdout.split(separator: "\n").last { $0.contains("files match") || $0.contains("no files match") } ?? ""
        let json = try run(["search", query, "--json", "--limit", "100", "--data-dir", data])
        let hits = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        let paths = hits.count < 100 ? Set(hits.map { "\($0["path"] ?? "")" }) : []
        return (String(total.split(separator: ";").first ?? ""), paths)
    }

    @Test func randomKillsNeverCorruptTheIndexAndOneMoreRunConverges() throws {
        let workspace = try Workspace()
        try makeTree(workspace, files: 600)
        let config = workspace.path + "/hdrive.yaml"
        try "limits:\n  batch_files: 15\n".write(toFile: config, atomically: true, encoding: .utf8)
        var generator = SplitMix(seed: 7)
        var killed = 0
        for round in 0..<12 {
            // Change the tree between kills, so every run has work to be interrupted in, and
            // edits and deletions must survive the interruption.
            for _ in 0..<250 {
                let n = Int(generator.next() % 600)
                try workspace.write("dir\(n % 7)/file\(n).txt", "\(Self.words[n % Self.words.count]) edited\(round) document\(n)")
            }
            if round % 3 == 1 {
                try workspace.write("dir1/file\(round).txt", "verhuizing besluit round\(round)")
                try? FileManager.default.removeItem(atPath: workspace.share + "/dir2/file\(round * 7 + 2).txt")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: HDriveBinary.path)
            process.arguments = ["index", "--quiet", "--config", config, workspace.share, "--data-dir", workspace.data]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(5_000 + generator.next() % 150_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
        }
        #expect(killed >= 3, "too few runs were interrupted to test anything")
        let finish = try run(["index", "--config", config, workspace.share, "--data-dir", workspace.data])
        #expect(finish.status == 0, "\(finish.stderr)")
        let check = try run(["status", "--json", "--data-dir", workspace.data])
        #expect(check.status == 0)

        let fresh = workspace.path + "/fresh"
        #expect(try run(["index", workspace.share, "--data-dir", fresh]).status == 0)
        let crashedStatus = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let freshStatus = try JSONSerialization.jsonObject(with: Data(try run(["status", "--json", "--data-dir", fresh]).stdout.utf8)) as? [String: Any]
        #expect(crashedStatus?["files"] as? Int == freshStatus?["files"] as? Int)
        #expect(crashedStatus?["documents"] as? Int == freshStatus?["documents"] as? Int)
        for query in ["begroting", "verhuizing besluit", "\"budget review\"", "plan*", "round4", "document17", "edited11", "archief -kantoor"] {
            let crashed = try hits(workspace.data, query), clean = try hits(fresh, query)
            #expect(crashed.total == clean.total, "\(query)")
            #expect(crashed.paths == clean.paths, "\(query)")
        }
        let integrity = try run(["status", "--check", "--data-dir", workspace.data])
        #expect(integrity.status == 0, "\(integrity.stdout)\(integrity.stderr)")
        #expect(integrity.stdout.contains("integrity: ok"))
    }
}

/// A small deterministic random generator, so a failing run can be repeated.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
