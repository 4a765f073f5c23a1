import ArgumentParser
import Foundation
import HDriveCore
import HDriveCrawl
import HDriveExtract
import HDriveIndex

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show roots, counts by state and type, the last scans and recent failures.")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Print the status as JSON.")
    var json = false

    @Flag(name: .long, help: "Also check the index's integrity (exit 1 when a problem is found).")
    var check = false

    func run() async throws {
        try await reportingErrors { try await execute() }
    }

    private func execute() async throws {
        let configuration = try common.load()
        let reader = try IndexReader(directory: configuration.dataDirectory)
        let status = try reader.status()
        if check {
            let problems = try reader.integrityCheck()
            if !json {
                print(problems.isEmpty ? "integrity: ok" : "integrity: \(problems.count) problems")
                for problem in problems { print("  \(problem)") }
            }
            if !problems.isEmpty {
                if json { throw CLIError("integrity check found \(problems.count) problems: \(problems.joined(separator: "; "))") }
                throw ExitCode(1)
            }
        }
        let writer = WriterLock.holder(directory: configuration.dataDirectory)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
            return
        }
        print("data directory: \(status.dataDirectory) (\(ByteCount.format(status.databaseBytes)), schema \(status.schemaVersion))")
        print("writer: \(writer.map { "running (pid \($0))" } ?? "none running")")
        let helpers = Extractor.helperPrograms.map { helper in
            "\(helper.name) (\(helper.purpose)) " + (helper.isInstalled ? "installed" : "MISSING: apt-get install \(helper.package)")
        }
        print("helpers: \(helpers.joined(separator: "; "))")
        print("files: \(status.files) in \(status.roots.count) roots; \(status.documents) documents in \(status.segments) segments")
        for root in status.roots {
            print("  \(root.name): \(root.path)\(root.displayPrefix.map { " shown as \($0)" } ?? ""), \(root.files) files")
            print("    last scan: \(scanText(root))")
            for line in stateLines(root) { print("    \(line)") }
        }
        if status.duplicateGroups > 0 {
            print("duplicates: \(status.duplicateFiles) files share their content with another (\(status.duplicateGroups) groups)")
        }
        print("by state: \(counts(status.byState))")
        print("by type: \(counts(status.byType))")
        if !status.failuresByKind.isEmpty {
            print("failures: \(counts(status.failuresByKind))")
            for failure in status.recentFailures {
                print("  \(failure.path): \(failure.kind): \(failure.message)")
            }
        }
    }

    /// Health, mount, how changes are seen, held deletions and queued work of one root.
    private func stateLines(_ root: IndexStatus.Root) -> [String] {
        var lines: [String] = []
        if let state = root.state {
            if state.available {
                lines.append("health: available")
            } else {
                lines.append("health: UNAVAILABLE (\(state.reason ?? "unknown")); its documents are kept and marked unavailable")
            }
            var mount = "mount: \(state.fsType ?? "unknown")"
            if let point = state.mountPoint { mount += " at \(point)" }
            if state.network { mount += " (network/FUSE: changes by other clients are found by rescans only)" }
            lines.append(mount)
            if let watch = state.watch { lines.append("changes: \(watch)") }
            if state.heldDeletions > 0 {
                lines.append("held: \(state.heldDeletions) deletions wait for a confirming scan (or hdrive index --allow-mass-delete)")
            }
        }
        if root.queued > 0 { lines.append("queued: \(root.queued) files waiting to be indexed") }
        return lines
    }

    private func counts(_ values: [String: Int]) -> String {
        values.isEmpty ? "none" : values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    private func scanText(_ root: IndexStatus.Root) -> String {
        guard let started = root.lastScanStarted else { return "never" }
        let start = Date(timeIntervalSince1970: Double(started) / 1e9).formatted(.iso8601)
        guard root.lastScanFinished != nil else { return "started \(start), not finished (running, interrupted or crashed)" }
        guard let json = root.lastScanSummary,
              let summary = try? JSONDecoder().decode(CrawlSummary.self, from: Data(json.utf8)) else { return start }
        return "\(start): \(SummaryText.describe(summary))"
    }
}
