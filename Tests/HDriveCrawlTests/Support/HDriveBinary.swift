import Foundation

/// The built `hdrive` executable, beside the test bundle (SwiftPM builds it first).
enum HDriveBinary {
    static var path: String? {
        var candidates: [String] = []
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundle.appendingPathComponent("hdrive").path)
        for product in Bundle.allBundles.map(\.bundlePath) {
            candidates.append(URL(fileURLWithPath: product).deletingLastPathComponent().appendingPathComponent("hdrive").path)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/.build/debug/hdrive")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `hdrive` with arguments; the caller waits or kills.
    static func start(_ arguments: [String], user: Int? = nil) throws -> Process {
        guard let path else { throw Shell.Failed(description: "hdrive binary not found") }
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// Runs `hdrive` to completion: (exit status, stdout, stderr).
    static func run(_ arguments: [String], user: Int? = nil) throws -> (Int32, String, String) {
        let process = try start(arguments, user: user)
        let out = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
