import Foundation
import HDriveCore
import HDriveDaemon
import Testing

@Suite struct ConfigLoaderTests {
    /// Writes `text` to a config file in a fresh folder and loads it.
    func load(_ text: String, environment: [String: String] = [:]) throws -> DaemonConfiguration {
        let dir = NSTemporaryDirectory() + "hdrive-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/hdrive.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(path: path, environment: environment)
    }

    @Test func theShippedExampleConfigLoads() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/hdrive.yaml").path
        let configuration = try ConfigLoader.load(path: example, environment: [:])
        #expect(configuration.dataDirectory == "/var/lib/hdrive")
        #expect(configuration.server.host == "127.0.0.1")
        #expect(configuration.server.port == 8080)
        #expect(configuration.crawl.roots.map(\.name) == ["h", "projects"])
        #expect(configuration.crawl.roots.first?.displayPrefix == "\\\\fileserver\\h$")
        #expect(configuration.crawl.roots.last?.excludes == ["*.bak", "scratch/*"])
        #expect(configuration.crawl.excludes.contains("~$*"))
        #expect(configuration.rescanInterval == .seconds(3600))
        #expect(configuration.extract.maxTextBytes == 10 * 1024 * 1024)
        #expect(configuration.crawl.roots.first?.mountPoint == true)
        #expect(configuration.crawl.roots.first?.sentinel == ".hdrive-online")
        #expect(configuration.crawl.roots.first?.rescanInterval == .seconds(900))
        #expect(configuration.crawl.roots.last?.rescanInterval == nil)
        #expect(configuration.crawl.massDelete.maxCount == 1000)
        #expect(configuration.crawl.walkThreads == 8)
        #expect(configuration.watch)
    }

    @Test func crawlerSafetyAndWalkKeysAreRead() throws {
        let configuration = try load("""
            watch: false
            poll_interval: 30s
            follow_symlinks: true
            mass_delete:
              max_percent: 10%
              max_files: 50
            limits:
              walk_threads: 16
            roots:
              - path: /srv/a
                same_filesystem: true
                follow_symlinks: false
                rescan_interval: off
              - path: /srv/b
            """)
        #expect(!configuration.watch)
        #expect(configuration.pollInterval == .seconds(30))
        #expect(configuration.crawl.massDelete.maxFraction == 0.1)
        #expect(configuration.crawl.massDelete.maxCount == 50)
        #expect(configuration.crawl.walkThreads == 16)
        let (a, b) = (configuration.crawl.roots[0], configuration.crawl.roots[1])
        #expect(a.sameFileSystem && !a.followSymlinks && a.rescanInterval == .zero)
        #expect(b.followSymlinks && !b.sameFileSystem && b.rescanInterval == nil)
    }

    @Test func badCrawlerValuesAreClearErrors() throws {
        #expect(throws: ConfigError.self) { try load("mass_delete:\n  max_percent: lots\n") }
        #expect(throws: ConfigError.self) { try load("mass_delete:\n  max_count: 5\n") }
        #expect(throws: ConfigError.self) { try load("roots:\n  - path: /srv\n    sentinel: ../escape\n") }
        #expect(throws: ConfigError.self) { try load("roots:\n  - path: /srv\n    mount_point: maybe\n") }
        #expect(throws: ConfigError.self) { try load("poll_interval: off\n") }
    }

    @Test func unknownKeysNameTheKeyTheFileAndTheLine() throws {
        let error = #expect(throws: ConfigError.self) {
            try load("listen: 127.0.0.1:9000\nrots:\n  - path: /srv\n")
        }
        #expect(error?.message.contains("hdrive.yaml:2") == true)
        #expect(error?.message.contains("unknown key 'rots'") == true)
    }

    @Test func unknownKeysInsideARootAreErrorsToo() throws {
        let error = #expect(throws: ConfigError.self) { try load("roots:\n  - path: /srv\n    pth: /x\n") }
        #expect(error?.message.contains("unknown key 'pth' in a root") == true)
    }

    @Test func badValuesAreClearErrors() throws {
        #expect(throws: ConfigError.self) { try load("listen: localhost\n") }
        #expect(throws: ConfigError.self) { try load("limits:\n  max_file_size: huge\n") }
        #expect(throws: ConfigError.self) { try load("rescan_interval: soon\n") }
        #expect(throws: ConfigError.self) { try load("log_level: loud\n") }
        #expect(throws: ConfigError.self) { try load("roots: /srv\n") }
        #expect(throws: ConfigError.self) { try load("roots:\n  - name: x\n") }
        #expect(throws: ConfigError.self) { try load("roots: [\n") }
    }

    @Test func duplicateRootNamesAreRefused() throws {
        let error = #expect(throws: ConfigError.self) { try load("roots:\n  - path: /a/share\n  - path: /b/share\n") }
        #expect(error?.message.contains("two roots are named 'share'") == true)
    }

    @Test func relativePathsAreResolvedAgainstTheConfigFile() throws {
        let configuration = try load("data_dir: data\nroots:\n  - path: ../share\n")
        #expect(configuration.dataDirectory.hasSuffix("/data"))
        #expect(configuration.dataDirectory.hasPrefix("/"))
        #expect(configuration.crawl.roots.first?.name == "share")
    }

    @Test func environmentOverridesTheFile() throws {
        let configuration = try load("listen: 127.0.0.1:9000\n", environment: [
            "HDRIVE_LISTEN": "0.0.0.0:9100", "HDRIVE_DATA_DIR": "/tmp/x", "HDRIVE_LOG_LEVEL": "debug",
            "HDRIVE_RESCAN_INTERVAL": "off",
        ])
        #expect(configuration.server.host == "0.0.0.0")
        #expect(configuration.server.port == 9100)
        #expect(configuration.dataDirectory == "/tmp/x")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.rescanInterval == nil)
    }

    @Test func rankingParametersComeFromTheEnvironmentForMeasurement() throws {
        let configuration = try ConfigLoader.load(path: nil, environment: ["HDRIVE_BM25": "k1=0.9,b=0.4"])
        #expect(configuration.search.scoring.k1 == 0.9)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: nil, environment: ["HDRIVE_BM25": "k2=1"]) }
        #expect(error?.message.contains("HDRIVE_BM25") == true)
    }

    @Test func badEnvironmentValuesNameTheVariable() {
        let error = #expect(throws: ConfigError.self) {
            try ConfigLoader.load(path: nil, environment: ["HDRIVE_LISTEN": "nope"])
        }
        #expect(error?.message.hasPrefix("HDRIVE_LISTEN") == true)
    }

    @Test func defaultExcludesCanBeDropped() throws {
        let configuration = try load("use_default_excludes: false\nexclude: ['*.bak']\n")
        #expect(configuration.crawl.excludes == ["*.bak"])
    }

    @Test func aMissingConfigFileIsOneClearLine() {
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "/nonexistent/hdrive.yaml", environment: [:]) }
        #expect(error?.message == "cannot read config file /nonexistent/hdrive.yaml: no such file")
    }
}
