import Foundation
import Testing

/// Runs the built `hdrive` binary the way a person or a timer would, and captures its output.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum HDriveBinary {
    /// The binary built beside the test bundle (`swift build --build-tests` builds both).
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["HDRIVE_BINARY"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("hdrive").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/hdrive").path
    }()
}

func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
         executable: String = HDriveBinary.path) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HDRIVE_") }
    env.merge(environment) { $1 }
    process.environment = env
    // Files, not pipes: a chatty child cannot fill a pipe and deadlock the test.
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-out-\(UUID().uuidString)")
    let err = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-err-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}

/// A scratch folder with a share and a data directory, removed afterwards.
final class Workspace {
    let path: String
    var share: String { path + "/share" }
    var data: String { path + "/data" }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/share", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Copies the committed LibreOffice fixtures into the share.
    func addFixtures() throws {
        let fixtures = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures"))
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path) {
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name).path, toPath: share + "/" + name)
        }
    }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: share + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func searchPaths(_ query: String) throws -> [String] {
        let result = try run(["search", query, "--json", "--data-dir", data])
        guard result.status == 0 else { throw E2EError("search failed: \(result.stderr)") }
        let hits = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return hits.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
    }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
