import Foundation
import HDriveCore
import HDriveCrawl
import HDriveExtract
import Logging
import Yams

/// Maps the YAML tree onto `DaemonConfiguration`, refusing unknown keys and bad values.
struct ConfigFileParser {
    let file: String
    let text: String
    private var directory: String { (file as NSString).deletingLastPathComponent }

    static let topLevelKeys = ["data_dir", "listen", "log_level", "rescan_interval", "roots", "exclude",
                               "use_default_excludes", "limits"]
    static let rootKeys = ["path", "name", "display_prefix", "exclude"]
    static let limitKeys = ["max_file_size", "max_text_size", "max_zip_entry_size", "max_zip_entries",
                            "extraction_threads", "batch_files", "search_readers"]

    func parse() throws -> DaemonConfiguration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError("\(file): not valid YAML: \(error)")
        }
        guard let node else { return DaemonConfiguration(source: file) }
        let top = try mapping(node, "the top level", allowed: Self.topLevelKeys)
        var configuration = DaemonConfiguration(source: file)
        var excludes: [String] = []
        var useDefaultExcludes = true
        var roots: [RootConfiguration] = []

        for (key, value) in top {
            switch key {
            case "data_dir": configuration.dataDirectory = PathResolver.absolute(try string(value, key), relativeTo: directory)
            case "listen":
                guard let (host, port) = ConfigValues.listenAddress(try string(value, key)) else {
                    throw error(value, "listen must be HOST:PORT, such as 127.0.0.1:8080")
                }
                configuration.server.host = host
                configuration.server.port = port
            case "log_level":
                let text = try string(value, key)
                guard let level = Logger.Level(rawValue: text.lowercased()) else {
                    throw error(value, "log_level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                }
                configuration.logLevel = level
            case "rescan_interval":
                guard let interval = ConfigValues.duration(try string(value, key)) else {
                    throw error(value, "rescan_interval must be a duration such as 30m, 1h, 1d or off")
                }
                configuration.rescanInterval = interval
            case "exclude": excludes = try strings(value, key)
            case "use_default_excludes": useDefaultExcludes = try bool(value, key)
            case "roots":
                guard case .sequence(let sequence) = value else { throw error(value, "roots must be a list") }
                for item in sequence { roots.append(try root(item)) }
            case "limits": try limits(value, into: &configuration)
            default: break
            }
        }
        var seen = Set<String>()
        for root in roots where !seen.insert(root.name).inserted {
            throw ConfigError("\(file): two roots are named '\(root.name)'; give each a distinct name")
        }
        configuration.crawl.roots = roots
        configuration.crawl.excludes = (useDefaultExcludes ? CrawlConfiguration.defaultExcludes : []) + excludes
        return configuration
    }

    private func root(_ node: Node) throws -> RootConfiguration {
        let fields = try mapping(node, "a root", allowed: Self.rootKeys)
        guard let pathNode = fields.first(where: { $0.0 == "path" })?.1 else { throw error(node, "a root needs a path") }
        let path = PathResolver.absolute(try string(pathNode, "path"), relativeTo: directory)
        var root = RootConfiguration(name: RootNaming.defaultName(for: path), path: RawPath(path))
        for (key, value) in fields {
            switch key {
            case "name":
                let name = try string(value, key)
                guard RootNaming.isValid(name) else { throw error(value, "root name '\(name)' must be letters, digits, '-', '_' or '.'") }
                root.name = name
            case "display_prefix": root.displayPrefix = try string(value, key)
            case "exclude": root.excludes = try strings(value, key)
            default: break
            }
        }
        return root
    }

    private func limits(_ node: Node, into configuration: inout DaemonConfiguration) throws {
        for (key, value) in try mapping(node, "limits", allowed: Self.limitKeys) {
            switch key {
            case "max_file_size": configuration.extract.maxFileSize = try bytes(value, key)
            case "max_text_size": configuration.extract.maxTextBytes = Int(try bytes(value, key))
            case "max_zip_entry_size": configuration.extract.maxInflatedBytesPerEntry = try bytes(value, key)
            case "max_zip_entries": configuration.extract.maxArchiveEntries = try count(value, key)
            case "extraction_threads": configuration.crawl.extractionThreads = try count(value, key)
            case "batch_files": configuration.crawl.batchMaxFiles = try count(value, key)
            case "search_readers": configuration.server.readers = try count(value, key)
            default: break
            }
        }
    }

    // MARK: Node helpers

    private func mapping(_ node: Node, _ what: String, allowed: [String]) throws -> [(String, Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(what) must be a mapping of keys to values") }
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error(keyNode, "keys must be plain words") }
            guard allowed.contains(key) else {
                throw error(keyNode, "unknown key '\(key)' in \(what) (known: \(allowed.joined(separator: ", ")))")
            }
            result.append((key, value))
        }
        return result
    }

    private func string(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(key) must be a single value") }
        return scalar.string
    }

    private func strings(_ node: Node, _ key: String) throws -> [String] {
        guard case .sequence(let sequence) = node else { throw error(node, "\(key) must be a list") }
        return try sequence.map { try string($0, key) }
    }

    private func bool(_ node: Node, _ key: String) throws -> Bool {
        switch try string(node, key).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(key) must be true or false")
        }
    }

    private func bytes(_ node: Node, _ key: String) throws -> Int64 {
        let text = try string(node, key)
        guard let value = ByteCount.parse(text), value > 0 else {
            throw error(node, "\(key) must be a size such as 512KiB, 10MiB or 1GiB, not '\(text)'")
        }
        return value
    }

    private func count(_ node: Node, _ key: String) throws -> Int {
        let text = try string(node, key)
        guard let value = Int(text), value > 0 else { throw error(node, "\(key) must be a positive whole number, not '\(text)'") }
        return value
    }

    private func error(_ node: Node, _ message: String) -> ConfigError {
        let line = node.mark.map { ":\($0.line)" } ?? ""
        return ConfigError("\(file)\(line): \(message)")
    }
}

/// Root names key a root's files in the catalog and show in results.
public enum RootNaming {
    public static func defaultName(for path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? "root"
        let cleaned = String(last.map { isAllowed($0) ? $0 : "-" })
        return cleaned.isEmpty ? "root" : cleaned
    }

    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy(isAllowed)
    }

    private static func isAllowed(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_" || character == "."
    }
}
