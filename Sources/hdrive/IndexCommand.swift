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
            Unchanged files (same size, mtime, ctime and inode) are not read again; changed files are
            re-indexed; files that are gone leave the index. Ctrl-C commits what is done and stops.
            """)

    /// EX_TEMPFAIL: the index is busy; the rescan unit treats it as success.
    static let busyExitCode: Int32 = 75

    @OptionGroup var common: CommonOptions

    @Argument(help: ArgumentHelp("Folders to index instead of the configured roots.", valueName: "root"))
    var roots: [String] = []

    @Flag(name: .long, help: "Print no progress, only the summary.")
    var quiet = false

    func run() async throws {
        try await reportingErrors { try await execute() }
    }

    private func execute() async throws {
        do {
            var configuration = try common.load()
            try applyRootArguments(roots, to: &configuration)
            let logger = Logging.logger(level: configuration.logLevel == .info ? .notice : configuration.logLevel)
            let crawler: Crawler
            do {
                crawler = try Daemon.makeCrawler(configuration: configuration, logger: logger)
            } catch let held as WriterLockHeld {
                // The daemon keeps this index fresh itself: a timer run finding it is no failure.
                FileHandle.standardError.write(Data("hdrive: \(held); nothing done\n".utf8))
                throw ExitCode(IndexCommand.busyExitCode)
            }
            let stop = StopFlag()
            let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { stop.set() }
            defer { signals.cancel() }
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            let progress: ((CrawlSummary) -> Void)? = showProgress ? { ProgressLine.show($0) } : nil
            let summary = try crawler.run(shouldStop: { stop.isSet }, progress: progress)
            if showProgress { ProgressLine.clear() }
            print(SummaryText.describe(summary))
            if !summary.unavailableRoots.isEmpty {
                FileHandle.standardError.write(Data("hdrive: roots not scanned (unavailable; their documents were kept): \(summary.unavailableRoots.joined(separator: ", "))\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

enum SummaryText {
    static func describe(_ summary: CrawlSummary) -> String {
        var text = "seen \(summary.seen), indexed \(summary.indexed), unchanged \(summary.unchanged), "
            + "failed \(summary.failed), deleted \(summary.deleted) in \(String(format: "%.2f", summary.seconds)) s"
            + " (\(Int(summary.filesPerSecond.rounded())) files/s)"
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
