import Glibc
import HDriveCore
import Testing
@testable import HDriveExtract

/// A helper program may hang, flood its output or eat memory; each costs one failure record.
/// `/bin/sh` stands in for pdftotext and friends.
@Suite struct HelperRunnerTests {
    let shell = HelperProgram(name: "sh", package: "dash", purpose: "tests")
    let limits = HelperLimits(memoryBytes: 512 * 1024 * 1024, outputBytes: 1000)

    func run(_ script: String, limit: Duration = .seconds(30),
             limits: HelperLimits? = nil) throws(ExtractionFailure) -> HelperOutput {
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        return try HelperRunner.run(shell, arguments: ["-c", script], input: devNull, deadline: Deadline(limit: limit),
                                    limits: limits ?? self.limits)
    }

    @Test func helperOutputAndExitStatusComeBack() throws {
        let output = try run("echo hallo; echo fout >&2; exit 3")
        #expect(output.stdout == Array("hallo\n".utf8))
        #expect(output.stderr == "fout")
        #expect(output.exitStatus == 3)
        #expect(!output.truncated)
    }

    @Test func helperThatHangsIsKilledWithItsChildren() throws {
        let pidFile = "/tmp/hdrive-helper-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(pidFile) }
        #expect(throws: ExtractionFailure(.timeout, "extraction took longer than 500 ms")) {
            try run("sleep 60 & echo $! > \(pidFile); wait", limit: .milliseconds(500))
        }
        let text = try #require(String(validating: readFile(pidFile), as: UTF8.self))
        let child = try #require(pid_t(text.trimmingCharactersInWhitespace()))
        #expect(waitUntilGone(child), "the helper's child survived the kill of its group")
    }

    @Test func floodedOutputIsCutAtTheLimit() throws {
        let output = try run("yes hallo")
        #expect(output.stdout.count == 1000)
        #expect(output.truncated)
    }

    @Test func floodedStderrDoesNotStallTheHelper() throws {
        let output = try run("head -c 3000000 /dev/zero | tr '\\0' x >&2; echo klaar")
        #expect(output.stdout == Array("klaar\n".utf8))
        #expect(output.stderr.count <= 8192)
    }

    @Test func helperRunsUnderTheMemoryLimit() throws {
        let output = try run("ulimit -v")
        #expect(output.stdout == Array("\(512 * 1024)\n".utf8))
    }

    @Test func helperGetsOnlyAMinimalEnvironment() throws {
        let output = try run("echo $HOME $LC_ALL")
        #expect(output.stdout == Array("/nonexistent C.UTF-8\n".utf8))
    }

    @Test func missingHelperIsReportedByName() {
        let missing = HelperProgram(name: "hdrive-no-such-helper", package: "hdrive-test", purpose: "tests")
        #expect(throws: ExtractionFailure(.helperMissing, "hdrive-no-such-helper is not installed (Debian package hdrive-test)")) {
            try HelperRunner.run(missing, arguments: [], input: 0, deadline: Deadline(limit: .seconds(5)), limits: limits)
        }
        #expect(!missing.isInstalled)
    }

    private func readFile(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        return Array(buffer.prefix(max(count, 0)))
    }

    /// Gone or a zombie (its group leader was killed; init reaps it in its own time).
    private func waitUntilGone(_ pid: pid_t) -> Bool {
        for _ in 0..<500 {
            if kill(pid, 0) != 0 { return true }
            let stat = readFile("/proc/\(pid)/stat")
            if let close = stat.lastIndex(of: UInt8(ascii: ")")), stat.count > close + 2, stat[close + 2] == UInt8(ascii: "Z") {
                return true
            }
            usleep(10_000)
        }
        return false
    }
}
