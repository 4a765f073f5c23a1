import ArgumentParser
import Foundation
import HDriveIndex
import HDriveSearch

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Query the index directly (also while the daemon runs).",
        discussion: "Prints rank, score, path, title and a snippet per hit; --json prints an array of hits.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The words to look for.")
    var query: [String]

    @Option(name: .long, help: "Hits to show (1-100).")
    var limit = 10

    @Option(name: .long, help: "Hits to skip, for paging.")
    var offset = 0

    @Option(name: .long, help: "Order: relevance, date (newest first) or name.")
    var sort: SearchSort = .relevance

    @Flag(name: .long, help: "Print the hits as a JSON array.")
    var json = false

    func run() async throws {
        try await reportingErrors { try await execute() }
    }

    private func execute() async throws {
        let configuration = try common.load()
        let reader = try IndexReader(directory: configuration.dataDirectory)
        let response = try Searcher(configuration: configuration.search).search(
            SearchRequest(query: query.joined(separator: " "), limit: limit, offset: offset, sort: sort, facets: false), in: reader)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(response.hits), as: UTF8.self))
        } else {
            printPlain(response)
        }
    }

    private func printPlain(_ response: SearchResponse) {
        let color = isatty(STDOUT_FILENO) == 1
        let (open, close) = color ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")
        if response.hits.isEmpty {
            print(response.total == 0 ? "no files match" : "no hits on this page (\(response.totalIsExact ? "" : "more than ")\(response.total) in all)")
            if let suggestion = response.suggestion { print("did you mean: \(suggestion)") }
            return
        }
        for (index, hit) in response.hits.enumerated() {
            print("\(offset + index + 1). \(String(format: "%.3f", hit.score))  \(hit.path)")
            print("   \(hit.title)")
            let snippet = hit.snippetText.render(open: open, close: close)
            if !snippet.isEmpty { print("   \(snippet)") }
            if let failure = hit.failure { print("   (content not indexed: \(failure))") }
            if !hit.available { print("   (share unavailable: the file may not open now)") }
        }
        let count = response.totalIsExact ? "\(response.total)" : "more than \(response.total)"
        var footer = "\(count) files match; \(String(format: "%.1f", response.tookMs)) ms"
        if response.matchedAnyWord { footer += "; no file has all the words, showing files with any of them" }
        print(footer)
        if let suggestion = response.suggestion { print("did you mean: \(suggestion)") }
    }
}

extension SearchSort: ExpressibleByArgument {}
