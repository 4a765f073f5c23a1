import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite(.serialized) struct HTTPTests {
    @Test func servesRankedHitsStatusAndHealthThenStopsCleanlyOnSIGTERM() throws {
        let workspace = try Workspace()
        try workspace.addFixtures()
        let daemon = try RunningDaemon(arguments: ["--data-dir", workspace.data, workspace.share])
        try daemon.waitUntil { try daemon.json("/api/search?q=waterschapsbegroting").object["total"] as? Int == 1 }

        let (status, search) = try daemon.json("/api/search?q=quarterly%20budget%20review&limit=5")
        #expect(status == 200)
        let hits = try #require(search["hits"] as? [[String: Any]])
        let first = try #require(hits.first)
        #expect((first["path"] as? String)?.hasSuffix("/quarterly-review.docx") == true)
        #expect(first["title"] as? String == "Quarterly budget review Q3 2009")
        #expect((first["snippet"] as? String)?.contains("<mark>") == true)
        for key in ["score", "size", "modified", "type"] { #expect(first[key] != nil, "hit lacks \(key)") }
        #expect(search["took_ms"] is Double)
        #expect(search["total_exact"] as? Bool == true)
        let plain = try #require(search["facets"] as? [String: Any])
        #expect((plain["type"] as? [Any])?.isEmpty == true, "facets are counted only when asked for")
        let faceted = try daemon.json("/api/search?q=budget&facets=true").object
        let types = try #require((faceted["facets"] as? [String: Any])?["type"] as? [[String: Any]])
        #expect(!types.isEmpty)

        let health = try daemon.json("/healthz")
        #expect(health.status == 200)
        #expect(health.object["status"] as? String == "ok")

        let statusBody = try daemon.json("/api/status")
        #expect(statusBody.status == 200)
        let index = try #require(statusBody.object["index"] as? [String: Any])
        #expect(index["files"] as? Int == 4)

        #expect(daemon.terminate() == 0)
        #expect(daemon.output.contains("crawl pass finished"))
    }

    @Test func badParametersAreClearJSONErrorsAndTheDaemonKeepsServing() throws {
        let workspace = try Workspace()
        try workspace.write("memo.txt", "memo over de verhuizing")
        let daemon = try RunningDaemon(arguments: ["--data-dir", workspace.data, workspace.share])
        try daemon.waitUntil { try daemon.json("/api/search?q=memo").object["total"] as? Int == 1 }

        for (path, message) in [
            ("/api/search", "missing query"),
            ("/api/search?q=memo&limit=abc", "limit must be a whole number"),
            ("/api/search?q=memo&limit=0", "limit must be between 1 and 100"),
            ("/api/search?q=memo&offset=-5", "offset must be between"),
            ("/api/search?q=memo&facets=maybe", "facets must be true or false"),
            ("/api/search?q=memo%zz", "malformed query string"),
        ] {
            let (status, object) = try daemon.json(path)
            #expect(status == 400, "\(path)")
            #expect((object["error"] as? String)?.contains(message) == true, "\(path): \(object)")
        }
        #expect(try daemon.json("/api/search?q=memo").object["total"] as? Int == 1)
        // Form encoding, as browsers and HTTP libraries send it: "+" is a space, "%2B" a plus.
        #expect(try daemon.json("/api/search?q=type%3Atext+verhuizing").object["total"] as? Int == 1)
        #expect(try daemon.json("/api/search?q=type%3Atext%20verhuizing").object["total"] as? Int == 1)
        #expect(try daemon.json("/api/search?q=type%3Apdf+verhuizing").object["total"] as? Int == 0)
        #expect(try daemon.json("/api/search?q=memo%2B%2B&limit=1").status == 200)
        #expect(daemon.terminate() == 0)
    }

    @Test func searchFromTheCLIWorksWhileTheDaemonRuns() throws {
        let workspace = try Workspace()
        try workspace.write("plan.txt", "projectplan voor de archivering")
        let daemon = try RunningDaemon(arguments: ["--data-dir", workspace.data, workspace.share])
        try daemon.waitUntil { try daemon.json("/api/search?q=archivering").object["total"] as? Int == 1 }
        #expect(try workspace.searchPaths("archivering") == ["plan.txt"])
        // A timer's one-shot run finds the daemon holding the index and asks it to rescan.
        let index = try run(["index", workspace.share, "--data-dir", workspace.data])
        #expect(index.status == 0)
        #expect(index.stderr.contains("was asked to rescan"))
        #expect(daemon.terminate() == 0)
    }

    @Test func theTimersRunMakesTheDaemonFindChangesInotifyCannotSee() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/bindfs"),
              FileManager.default.fileExists(atPath: "/dev/fuse") else {
            print("SKIPPED: needs root, bindfs (Debian package bindfs) and /dev/fuse")
            return
        }
        // Another client writes on the server: the mount shows the change, inotify on it does not.
        let workspace = try Workspace()
        let backing = workspace.path + "/backing"
        try FileManager.default.createDirectory(atPath: backing, withIntermediateDirectories: true)
        try "projectplan".write(toFile: backing + "/plan.txt", atomically: false, encoding: .utf8)
        try #require(spawnAndWait(["/usr/bin/bindfs", backing, workspace.share]) == 0)
        defer { _ = try? run(["-l", workspace.share], executable: "/usr/bin/umount") }
        let daemon = try RunningDaemon(arguments: ["--data-dir", workspace.data, workspace.share])
        try daemon.waitUntil { try daemon.json("/api/search?q=projectplan").object["total"] as? Int == 1 }

        try "vergaderverslag".write(toFile: backing + "/minutes.txt", atomically: false, encoding: .utf8)
        let index = try run(["index", workspace.share, "--data-dir", workspace.data])
        #expect(index.status == 0)
        #expect(index.stderr.contains("was asked to rescan"))
        try daemon.waitUntil { try daemon.json("/api/search?q=vergaderverslag").object["total"] as? Int == 1 }
        #expect(daemon.terminate() == 0)
    }
}

/// Runs a program that leaves a daemon behind (bindfs) and waits for the program only:
/// Foundation's Process also waits for every holder of its internal pipe, the daemon included.
func spawnAndWait(_ arguments: [String]) -> Int32 {
    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd in [Int32(0), 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0) }
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return status
}
