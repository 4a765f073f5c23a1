import ArgumentParser
import Foundation
import HDriveCore
import HDriveCrawl
import HDriveDaemon
import Logging

/// Where the configuration and the index live; shared by every command.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file (YAML). Without one, built-in defaults apply.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Data directory holding the index (overrides the config; default ./\(DaemonConfiguration.defaultDataDirectory)).", valueName: "dir"))
    var dataDir: String?

    /// The configuration: config file (or `HDRIVE_CONFIG`), then environment, then flags.
    func load() throws -> DaemonConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let path = config ?? environment["HDRIVE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        var configuration = try ConfigLoader.load(path: path, environment: environment)
        if path == nil && environment["HDRIVE_DATA_DIR"] == nil {
            configuration.dataDirectory = PathResolver.absolute(DaemonConfiguration.defaultDataDirectory)
        }
        if let dataDir { configuration.dataDirectory = PathResolver.absolute(dataDir) }
        return configuration
    }
}

/// Folders named on the command line become the roots, keeping a configured root's name and
/// display prefix when the folder is one of them.
func applyRootArguments(_ arguments: [String], to configuration: inout DaemonConfiguration) throws {
    guard !arguments.isEmpty else { return }
    var roots: [RootConfiguration] = []
    for argument in arguments {
        let path = PathResolver.absolute(argument)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(argument) is not a directory")
        }
        if let configured = configuration.crawl.roots.first(where: { $0.path == RawPath(path) }) {
            roots.append(configured)
        } else {
            var name = RootNaming.defaultName(for: path)
            var suffix = 2
            while roots.contains(where: { $0.name == name }) { name = RootNaming.defaultName(for: path) + "-\(suffix)"; suffix += 1 }
            roots.append(RootConfiguration(name: name, path: RawPath(path)))
        }
    }
    configuration.crawl.roots = roots
}

/// A failure for the person at the terminal: printed as one line, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command body, turning any error into one line on stderr and a non-zero exit.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("hdrive: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

enum Logging {
    nonisolated(unsafe) private static var bootstrapped = false

    static func logger(level: Logger.Level) -> Logger {
        if !bootstrapped {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .trace
                return handler
            }
            bootstrapped = true
        }
        var logger = Logger(label: "hdrive")
        logger.logLevel = level
        return logger
    }
}
