import HDriveCore
import HDriveCrawl
import HDriveExtract
import HDriveSearch
import HDriveServer
import Logging

/// Everything hdrive runs on, read from the config file, the environment and the command line,
/// then handed to each stage as that stage's own `Configuration`.
public struct DaemonConfiguration: Sendable {
    public var dataDirectory: String
    public var server: ServerConfiguration
    public var crawl: CrawlConfiguration
    public var extract: ExtractConfiguration
    public var search = Searcher.Configuration()
    /// Time between full rescans while serving; nil turns periodic rescans off.
    public var rescanInterval: Duration?
    public var logLevel: Logger.Level
    /// Watch local roots with inotify and index changes as they happen.
    public var watch: Bool = true
    /// How often directories beyond the inotify watch limit are rescanned.
    public var pollInterval: Duration = .seconds(60)
    /// The file this came from, for messages; nil when running on defaults.
    public var source: String?

    public static let defaultDataDirectory = "hdrive-data"

    public init(dataDirectory: String = DaemonConfiguration.defaultDataDirectory,
                server: ServerConfiguration = ServerConfiguration(),
                crawl: CrawlConfiguration = CrawlConfiguration(roots: []),
                extract: ExtractConfiguration = ExtractConfiguration(),
                rescanInterval: Duration? = .seconds(3600),
                logLevel: Logger.Level = .info, source: String? = nil) {
        self.dataDirectory = dataDirectory
        self.server = server
        self.crawl = crawl
        self.extract = extract
        self.rescanInterval = rescanInterval
        self.logLevel = logLevel
        self.source = source
    }
}

/// A config problem, naming the file, the line and the key.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
