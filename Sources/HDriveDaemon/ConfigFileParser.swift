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
                               "use_default_excludes", "limits", "watch", "poll_interval", "follow_symlinks",
                               "same_filesystem", "mass_delete"]
    static let rootKeys = ["path", "name", "display_prefix", "exclude", "mount_point", "sentinel", "rescan_interval",
                           "follow_symlinks", "same_filesystem"]
    static let limitKeys = ["max_file_size", "max_text_size", "max_zip_entry_size", "max_zip_entries",
                            "extraction_threads", "walk_threads", "walk_stall_timeout", "batch_files", "search_readers"]
    static let massDeleteKeys = ["max_percent", "max_files"]

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
        var followSymlinks: Bool?
        var sameFileSystem: Bool?

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
            case "watch": configuration.watch = try bool(value, key)
            case "poll_interval":
                guard let interval = ConfigValues.duration(try string(value, key)), let interval else {
                    throw error(value, "poll_interval must be a duration such as 30s or 5m")
                }
                configuration.pollInterval = interval
            case "follow_symlinks": followSymlinks = try bool(value, key)
            case "same_filesystem": sameFileSystem = try bool(value, key)
            case "mass_delete": try massDelete(value, into: &configuration)
            default: break
            }
        }
        var seen = Set<String>()
        for root in roots where !seen.insert(root.name).inserted {
            throw ConfigError("\(file): two roots are named '\(root.name)'; give each a distinct name")
        }
        configuration.crawl.roots = roots.map { root in
            var root = root
            if let followSymlinks, !explicitFollow.contains(root.name) { root.followSymlinks = followSymlinks }
            if let sameFileSystem, !explicitSameFS.contains(root.name) { root.sameFileSystem = sameFileSystem }
            return root
        }
        configuration.crawl.excludes = (useDefaultExcludes ? CrawlConfiguration.defaultExcludes : []) + excludes
        return configuration
    }

    /// Roots that set follow_symlinks / same_filesystem themselves (the top-level value is their default).
    private var explicitFollow: Set<String> { rootFlags("follow_symlinks") }
    private var explicitSameFS: Set<String> { rootFlags("same_filesystem") }

    private func rootFlags(_ key: String) -> Set<String> {
        guard let node = try? Yams.compose(yaml: text), case .mapping(let top) = node,
              let roots = top.first(where: { $0.key.string == "roots" })?.value, case .sequence(let list) = roots else { return [] }
        var names = Set<String>()
        for item in list {
            guard case .mapping(let fields) = item, fields.contains(where: { $0.key.string == key }),
                  let parsed = try? root(item) else { continue }
            names.insert(parsed.name)
        }
        return names
    }

    private func massDelete(_ node: Node, into configuration: inout DaemonConfiguration) throws {
        for (key, value) in try mapping(node, "mass_delete", allowed: Self.massDeleteKeys) {
            switch key {
            case "max_percent":
                let text = try string(value, key).replacingOccurrences(of: "%", with: "")
                guard let percent = Double(text), percent > 0, percent <= 100 else {
                    throw error(value, "max_percent must be a number between 0 and 100, such as 5")
                }
                configuration.crawl.massDelete.maxFraction = percent / 100
            case "max_files": configuration.crawl.massDelete.maxCount = try count(value, key)
            default: break
            }
        }
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
            case "mount_point": root.mountPoint = try bool(value, key)
            case "sentinel":
                let name = try string(value, key)
                guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
                    throw error(value, "sentinel must be a file name relative to the root, such as .hdrive-online")
                }
                root.sentinel = name
            case "rescan_interval":
                guard let interval = ConfigValues.duration(try string(value, key)) else {
                    throw error(value, "rescan_interval must be a duration such as 15m, 1h or off")
                }
                root.rescanInterval = interval ?? .zero
            case "follow_symlinks": root.followSymlinks = try bool(value, key)
            case "same_filesystem": root.sameFileSystem = try bool(value, key)
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
            case "walk_threads": configuration.crawl.walkThreads = try count(value, key)
            case "walk_stall_timeout":
                guard let timeout = ConfigValues.duration(try string(value, key)) else {
                    throw error(value, "walk_stall_timeout must be a duration such as 30s, 2m or off")
                }
                configuration.crawl.stallTimeout = timeout
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
