import ArgumentParser
import Foundation
import HDriveCrawl
import HDriveDaemon
import HDriveIndex

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring the index up to date with the roots once, then exit (for timers, cron and first runs).",
        discussion: """
            Unchanged files (same size, mtime, ctime and inode) are not read again; changed files are \
            re-indexed; moved files keep their text; files that are gone leave the index, except that a \
            scan deleting more than 5% or 1,000 of a root's documents is held until a second scan \
            confirms it (or --allow-mass-delete). Unavailable roots (unmounted, unreadable, sentinel \
            missing) keep their documents and make the exit status 2. Ctrl-C commits what is done. \
            When the daemon is running, this asks it to rescan (SIGHUP) and exits 0.
            """)

    /// EX_TEMPFAIL: the index is busy; the rescan unit treats it as success.
    static let busyExitCode: Int32 = 75

    @OptionGroup var common: CommonOptions

    @Argument(help: ArgumentHelp("Folders to index instead of the configured roots.", valueName: "root"))
    var roots: [String] = []

    @Flag(name: .long, help: "Print no progress, only the summary.")
    var quiet = false

    @Flag(name: .long, help: "Apply deletions at once even when a scan would delete more than the mass-deletion limit.")
    var allowMassDelete = false

    func run() async throws {
        try await reportingErrors { try await execute() }
    }

    private func execute() async throws {
        var configuration = try common.load()
        try applyRootArguments(roots, to: &configuration)
        configuration.crawl.allowMassDelete = allowMassDelete
        let logger = Logging.logger(level: configuration.logLevel == .info ? .notice : configuration.logLevel)
        let crawler: Crawler
        do {
            crawler = try Daemon.makeCrawler(configuration: configuration, logger: logger)
        } catch let held as WriterLockHeld {
            // The daemon keeps this index fresh itself; a timer run asks it to rescan now.
            if let pid = WriterLock.holder(directory: configuration.dataDirectory), pid > 0, kill(pid, SIGHUP) == 0 {
                FileHandle.standardError.write(Data("hdrive: the running daemon (pid \(pid)) was asked to rescan\n".utf8))
                return
            }
            FileHandle.standardError.write(Data("hdrive: \(held); nothing done\n".utf8))
            throw ExitCode(IndexCommand.busyExitCode)
        }
        let stop = StopFlag()
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { stop.set() }
        // A rescan request reaching a one-shot run is already being served.
        let hangups = SignalWatcher(signals: [SIGHUP]) {}
        defer { signals.cancel(); hangups.cancel() }
        let showProgress = !quiet && isatty(STDERR_FILENO) == 1
        let progress: ((CrawlSummary) -> Void)? = showProgress ? { ProgressLine.show($0) } : nil
        var summary = try crawler.run(shouldStop: { stop.isSet }, progress: progress)
        // Whatever an earlier run left queued (killed, or waiting out a retry) is done now too.
        if !summary.stopped { summary.add(try crawler.drain(waitForRetries: true, shouldStop: { stop.isSet })) }
        if showProgress { ProgressLine.clear() }
        print(SummaryText.describe(summary))
        if summary.heldDeletions > 0 {
            FileHandle.standardError.write(Data("hdrive: \(summary.heldDeletions) deletions held as a possible mass deletion; the next scan confirms them, or run again with --allow-mass-delete\n".utf8))
        }
        if !summary.unavailableRoots.isEmpty {
            FileHandle.standardError.write(Data("hdrive: roots not scanned (unavailable; their documents were kept): \(summary.unavailableRoots.joined(separator: ", "))\n".utf8))
            throw ExitCode(2)
        }
    }
}

enum SummaryText {
    static func describe(_ summary: CrawlSummary) -> String {
        var text = "seen \(summary.seen), indexed \(summary.indexed), unchanged \(summary.unchanged), "
            + "failed \(summary.failed), deleted \(summary.deleted) in \(String(format: "%.2f", summary.seconds)) s"
            + " (\(Int(summary.filesPerSecond.rounded())) files/s)"
        if summary.moved > 0 { text += "; \(summary.moved) moved" }
        if summary.linked > 0 { text += "; \(summary.linked) shared with a hard link" }
        if summary.heldDeletions > 0 { text += "; \(summary.heldDeletions) deletions held" }
        if summary.retried > 0 { text += "; \(summary.retried) retries" }
        if summary.excluded > 0 { text += "; \(summary.excluded) excluded" }
        if summary.unreadableDirectories > 0 { text += "; \(summary.unreadableDirectories) unreadable directories" }
        if summary.stopped { text += "; interrupted, run again to finish" }
        return text
    }
}

/// One line on the terminal, rewritten in place.
enum ProgressLine {
    static func show(_ summary: CrawlSummary) {
        let line = "\r\u{1B}[K  \(summary.seen) seen, \(summary.indexed) indexed, \(summary.unchanged) unchanged, "
            + "\(summary.failed) failed  (\(Int(summary.filesPerSecond.rounded())) files/s)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
