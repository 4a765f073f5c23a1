import ArgumentParser
import HDriveDaemon

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: crawl the roots, keep the index fresh, answer searches over HTTP.",
        discussion: "SIGTERM or Ctrl-C commits the batch in flight and exits 0.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Address to listen on (default 127.0.0.1:8080).", valueName: "host:port"))
    var listen: String?

    @Argument(help: ArgumentHelp("Folders to index instead of the configured roots.", valueName: "root"))
    var roots: [String] = []

    func run() async throws {
        try await reportingErrors { try await execute() }
    }

    private func execute() async throws {
        var configuration = try common.load()
        try applyRootArguments(roots, to: &configuration)
        if let listen {
            guard let (host, port) = ConfigValues.listenAddress(listen) else { throw CLIError("--listen must be HOST:PORT, not '\(listen)'") }
            configuration.server.host = host
            configuration.server.port = port
        }
        try await Daemon.run(configuration: configuration, logger: Logging.logger(level: configuration.logLevel))
    }
}
