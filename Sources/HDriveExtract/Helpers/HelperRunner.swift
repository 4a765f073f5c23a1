import Glibc
import HDriveCore
import Synchronization

/// What a helper program gave back.
struct HelperOutput {
    var stdout: [UInt8]
    /// The end of what it wrote to stderr, for messages.
    var stderr: String
    /// Its exit status, or nil when it was killed by a signal.
    var exitStatus: Int32?
    /// Output stopped at the text limit and the program was killed.
    var truncated: Bool
}

/// Limits on one helper run, beyond the file's deadline.
struct HelperLimits: Sendable {
    /// RLIMIT_AS of the helper, in bytes.
    var memoryBytes: Int64
    /// Bytes of stdout kept; past this the helper is killed and the text marked partial.
    var outputBytes: Int
}

/// Runs one helper program in isolation: its own process group, RLIMIT_AS and RLIMIT_CPU set
/// by a `sh` wrapper before `exec` (posix_spawn cannot set limits, and forking a Swift
/// process to run Swift code in the child is unsafe), a wall-clock deadline followed by
/// SIGKILL of the whole group, stdout capped and stderr drained so neither pipe can block it.
enum HelperRunner {
    static func run(_ program: HelperProgram, arguments: [String], input: Int32, deadline: Deadline,
                    limits: HelperLimits) throws(ExtractionFailure) -> HelperOutput {
        guard let executable = program.executablePath else {
            throw ExtractionFailure(.helperMissing, "\(program.name) is not installed (Debian package \(program.package))")
        }
        let cpuSeconds = max(1, Int((deadline.remaining.components.seconds)) + 1)
        let script = "ulimit -v \(max(limits.memoryBytes / 1024, 1)) && ulimit -t \(cpuSeconds) && exec \"$0\" \"$@\""
        let argv = ["/bin/sh", "-c", script, executable] + arguments
        let started = creatingDescriptors { () -> Result<Started, ExtractionFailure> in
            do throws(ExtractionFailure) {
                return .success(try start(argv, stdin: input))
            } catch {
                return .failure(error)
            }
        }
        let (pid, stdoutRead, stderrRead) = try started.get()
        defer { [stdoutRead, stderrRead].forEach { _ = close($0) } }
        var collector = OutputCollector(stdout: stdoutRead, stderr: stderrRead, limit: limits.outputBytes)
        let finished = collector.drain(until: deadline)
        // Whatever is left of the group (the helper, or children it started) goes now.
        if !finished || collector.truncated { kill(-pid, SIGKILL) }
        let status = reap(pid)
        kill(-pid, SIGKILL)
        if !finished { throw deadline.timeout }
        return HelperOutput(stdout: collector.out, stderr: collector.errText, exitStatus: status,
                            truncated: collector.truncated)
    }

    /// pipe2(O_CLOEXEC) and mkostemp are not visible from Swift here, so descriptors are
    /// made and then marked close-on-exec under this lock, which every spawn holds too: no
    /// helper can inherit another helper's pipe (it would hold that pipe open, and its
    /// reader would wait for an end of file that never comes).
    private static let descriptorLock = Mutex(())

    static func creatingDescriptors<T>(_ body: () -> T) -> T {
        descriptorLock.withLock { _ in body() }
    }

    private typealias Started = (pid: pid_t, stdout: Int32, stderr: Int32)

    /// Spawns the helper with both pipes; in the parent only their read ends stay open.
    private static func start(_ argv: [String], stdin: Int32) throws(ExtractionFailure) -> Started {
        let stdoutPipe = try makePipe()
        defer { close(stdoutPipe.write) }
        let stderrPipe: (read: Int32, write: Int32)
        do throws(ExtractionFailure) {
            stderrPipe = try makePipe()
        } catch {
            close(stdoutPipe.read)
            throw error
        }
        defer { close(stderrPipe.write) }
        do throws(ExtractionFailure) {
            let pid = try spawn(argv, stdin: stdin, stdout: stdoutPipe.write, stderr: stderrPipe.write)
            return (pid, stdoutPipe.read, stderrPipe.read)
        } catch {
            close(stdoutPipe.read)
            close(stderrPipe.read)
            throw error
        }
    }

    private static func makePipe() throws(ExtractionFailure) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw ExtractionFailure(.unreadable, "cannot start a helper: \(OpenedFile.describe(errno))")
        }
        fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private static func spawn(_ argv: [String], stdin: Int32, stdout: Int32,
                              stderr: Int32) throws(ExtractionFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group (pgid = its pid) so one kill reaches everything it starts;
        // signals we ignore (SIGPIPE) are reset, and none stay blocked.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGXCPU] { sigaddset(&defaults, signal) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8", "HOME=/nonexistent"]
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = environment.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, &cEnvironment)
        guard status == 0 else {
            throw ExtractionFailure(.unreadable, "cannot start \(argv[3]): \(OpenedFile.describe(status))")
        }
        return pid
    }

    /// The exit status, or nil after a signal.
    private static func reap(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : nil
    }
}

/// Reads a helper's stdout and stderr together with poll(2), so a helper that floods
/// stderr cannot stall on a full pipe while we wait on stdout.
private struct OutputCollector {
    let stdoutFD: Int32
    let stderrFD: Int32
    let limit: Int
    var out: [UInt8] = []
    var err: [UInt8] = []
    var truncated = false
    private static let stderrKept = 4096

    init(stdout: Int32, stderr: Int32, limit: Int) {
        stdoutFD = stdout
        stderrFD = stderr
        self.limit = limit
    }

    var errText: String {
        String(decoding: err, as: UTF8.self).trimmingCharactersInWhitespace()
    }

    /// True when both pipes reached end of file (or output hit the limit) before the deadline.
    mutating func drain(until deadline: Deadline) -> Bool {
        var open = [stdoutFD, stderrFD]
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !open.isEmpty {
            let wait = deadline.remaining
            guard wait > .zero else { return false }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let milliseconds = Int32(clamping: min(wait.components.seconds * 1000 + 1, 1000))
            let ready = poll(&fds, nfds_t(fds.count), milliseconds)
            if ready < 0 && errno != EINTR { return false }
            for pollFD in fds where pollFD.revents != 0 {
                let got = chunk.withUnsafeMutableBytes { read(pollFD.fd, $0.baseAddress, $0.count) }
                if got <= 0 {
                    if got < 0 && errno == EINTR { continue }
                    open.removeAll { $0 == pollFD.fd }
                } else if pollFD.fd == stdoutFD {
                    out += chunk[0..<min(got, limit - out.count)]
                    if out.count >= limit { truncated = true; return true }
                } else {
                    err += chunk[0..<got]
                    if err.count > 2 * OutputCollector.stderrKept { err.removeFirst(err.count - OutputCollector.stderrKept) }
                }
            }
        }
        return true
    }
}
