import Foundation
import HDriveCore
import HDriveCrawl
import HDriveSearch
import HDriveServer
import Logging
import Yams

/// Reads `hdrive.yaml`: every key is known, every value checked, and a mistake is one line
/// naming the file, the line and the key.
public enum ConfigLoader {
    /// Loads `path` if given (else defaults), then applies the environment.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        if let path {
            let absolute = PathResolver.absolute(path)
            let text: String
            do {
                text = try String(contentsOfFile: absolute, encoding: .utf8)
            } catch {
                throw ConfigError("cannot read config file \(path): \(PathResolver.reason(error))")
            }
            configuration = try ConfigFileParser(file: absolute, text: text).parse()
        }
        try applyEnvironment(environment, to: &configuration)
        return configuration
    }

    static func applyEnvironment(_ environment: [String: String], to configuration: inout DaemonConfiguration) throws {
        if let value = environment["HDRIVE_DATA_DIR"], !value.isEmpty {
            configuration.dataDirectory = PathResolver.absolute(value)
        }
        if let value = environment["HDRIVE_LISTEN"], !value.isEmpty {
            guard let (host, port) = ConfigValues.listenAddress(value) else {
                throw ConfigError("HDRIVE_LISTEN: '\(value)' is not HOST:PORT")
            }
            configuration.server.host = host
            configuration.server.port = port
        }
        if let value = environment["HDRIVE_LOG_LEVEL"], !value.isEmpty {
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                throw ConfigError("HDRIVE_LOG_LEVEL: '\(value)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.logLevel = level
        }
        do {
            // Ranking parameters, for measuring alternatives (BENCHMARKS.md), not for admins.
            configuration.search.scoring = try BM25F.standard.applying(environment["HDRIVE_BM25"])
        } catch {
            throw ConfigError("\(error)")
        }
        if let value = environment["HDRIVE_RESCAN_INTERVAL"], !value.isEmpty {
            guard let interval = ConfigValues.duration(value) else {
                throw ConfigError("HDRIVE_RESCAN_INTERVAL: '\(value)' is not a duration such as 30m, 1h or off")
            }
            configuration.rescanInterval = interval
        }
    }
}

/// Resolves paths the way a person typing them expects: relative to the current directory.
public enum PathResolver {
    public static func absolute(_ path: String, relativeTo base: String? = nil) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        let directory = base ?? FileManager.default.currentDirectoryPath
        return normalize(directory + "/" + path)
    }

    /// Removes "." and "x/.." components and trailing slashes, without touching the disk.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", !parts.isEmpty { parts.removeLast(); continue }
            if part == ".." { continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}
