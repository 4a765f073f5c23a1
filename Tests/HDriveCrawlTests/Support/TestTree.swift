import Foundation
import Glibc
import HDriveCore

/// A scratch directory tree for one test, removed afterwards. Names are raw bytes.
final class TestTree: @unchecked Sendable {
    let path: String
    var raw: RawPath { RawPath(path) }

    init(_ label: String = "tree") {
        path = NSTemporaryDirectory() + "hdrive-crawl-\(label)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        _ = try? Shell.run("chmod -R u+rwx '\(path)' 2>/dev/null; rm -rf '\(path)'")
    }

    /// Writes a file (creating its folders), relative to the tree.
    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
        return full
    }

    /// Writes a file whose name is raw bytes (not UTF-8), in the tree's top folder.
    func write(rawName: [UInt8], _ text: String) {
        let full = Array(path.utf8) + [0x2F] + rawName
        let fd = open(full.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0, "cannot create test file")
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    func remove(_ relative: String) { try? FileManager.default.removeItem(atPath: path + "/" + relative) }

    func move(_ from: String, _ to: String) {
        let target = path + "/" + to
        try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        precondition(rename(path + "/" + from, target) == 0, "rename failed")
    }

    func mkdir(_ relative: String) {
        try? FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
    }
}

/// Runs shell commands for test setup (mounts, users); returns stdout, throws on failure.
enum Shell {
    struct Failed: Error, CustomStringConvertible { var description: String }

    @discardableResult
    static func run(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "\(command): exit \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs a command that leaves a daemon behind (bindfs): Foundation's Process waits for
    /// every holder of its internal pipes, so this uses posix_spawn and waits for the shell only.
    static func spawnDetached(_ command: String) throws {
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", command + " </dev/null >/dev/null 2>&1"]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { throw Failed(description: "cannot spawn \(command)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0 else { throw Failed(description: "\(command): status \(status)") }
    }

    static var isRoot: Bool { geteuid() == 0 }

    static func has(_ program: String) -> Bool { (try? run("command -v \(program)")) != nil }
}

/// Skips a test that needs something this machine lacks, saying why.
func requirement(_ ok: Bool, _ why: String) -> Bool {
    if !ok { print("SKIPPED: \(why)") }
    return ok
}
