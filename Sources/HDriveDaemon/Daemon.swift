import Foundation
import HDriveCrawl
import HDriveExtract
import HDriveIndex
import HDriveSearch
import HDriveServer
import Logging
import ServiceLifecycle

/// The composition root: one configuration in, every stage built from its own part of it,
/// all long-running pieces in one `ServiceGroup` that turns SIGTERM into a graceful stop.
public enum Daemon {
    public static func run(configuration: DaemonConfiguration, logger: Logger) async throws {
        guard !configuration.crawl.roots.isEmpty else {
            throw ConfigError("no roots to index: name a folder (hdrive serve DIR) or list roots in the config file")
        }
        let store = try IndexStore(directory: configuration.dataDirectory)
        let extractor = Extractor(configuration: configuration.extract)
        let crawler = Crawler(configuration: configuration.crawl, store: store, extractor: extractor, logger: logger)
        let state = DaemonState()
        let indexing = IndexingService(crawler: crawler, schedule: RescanSchedule(defaultInterval: configuration.rescanInterval),
                                       watch: configuration.watch, pollInterval: configuration.pollInterval,
                                       state: state, logger: logger)
        let app = try HTTPServer.buildApplication(
            configuration: configuration.server, dataDirectory: configuration.dataDirectory,
            searcher: Searcher(configuration: configuration.search), state: state, logger: logger)
        logger.info("hdrive serving", metadata: [
            "server.address": "http://\(configuration.server.host):\(configuration.server.port)",
            "index.data_dir": "\(configuration.dataDirectory)",
            "crawl.roots": "\(configuration.crawl.roots.map { $0.path.displayString }.joined(separator: ", "))",
        ])
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: app), .init(service: indexing)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }

    /// Stages for one-shot commands, from the same configuration the daemon uses.
    public static func makeCrawler(configuration: DaemonConfiguration, logger: Logger) throws -> Crawler {
        guard !configuration.crawl.roots.isEmpty else {
            throw ConfigError("no roots to index: name a folder (hdrive index DIR) or list roots in the config file")
        }
        let store = try IndexStore(directory: configuration.dataDirectory)
        return Crawler(configuration: configuration.crawl, store: store,
                       extractor: Extractor(configuration: configuration.extract), logger: logger)
    }
}
