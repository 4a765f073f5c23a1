import ArgumentParser

@main
struct HDriveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hdrive",
        abstract: "Search the company file share: index SMB/NFS shares and find any file by its words.",
        discussion: """
            Run `hdrive index DIR` once to build an index, `hdrive search WORDS` to query it, or \
            `hdrive serve` to keep it fresh and answer searches over HTTP.
            """,
        subcommands: [ServeCommand.self, IndexCommand.self, SearchCommand.self, ExtractCommand.self, StatusCommand.self])
}
