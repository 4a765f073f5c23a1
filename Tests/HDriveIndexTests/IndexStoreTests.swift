import Foundation
import HDriveCore
@testable import HDriveIndex
import Testing

@Suite struct IndexStoreTests {
    @Test func committedDocumentsAreReadable() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var batch = IndexBatch()
        batch.put(record(root, "a.txt", inode: 1), document("budget review", name: "a.txt"))
        batch.put(record(root, "b.txt", inode: 2), document("budget", name: "b.txt"))
        try store.commit(batch)

        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.liveDocuments(with: "budget").count == 2)
        #expect(try reader.liveDocuments(with: "review").count == 1)
        #expect(try reader.read { $0.liveDocuments } == 2)
        #expect(try store.integrityCheck().isEmpty)
    }

    /// A reader maps the index file, and still sees every later commit: the file grows past
    /// what was mapped, and checkpoints copy pages into it.
    @Test func aMappedReaderSeesLaterCommits() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var first = IndexBatch()
        first.put(record(root, "0.txt", inode: 1), document("budget 0", name: "0.txt"))
        try store.commit(first)
        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.liveDocuments(with: "budget").count == 1)
        for round in 1...40 {
            var batch = IndexBatch()
            for file in 0..<50 {
                let name = "\(round)-\(file).txt"
                batch.put(record(root, name, inode: UInt64(round * 100 + file + 2)),
                          document("budget " + String(repeating: "woord\(round)x\(file) ", count: 40), name: name))
            }
            try store.commit(batch)
            if round % 10 == 0 {
                let other = try SQLiteConnection(path: dir.path + "/" + IndexStore.databaseName, mode: .readWrite)
                try other.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
        }
        #expect(try reader.liveDocuments(with: "budget").count == 1 + 40 * 50)
        #expect(try reader.read { try $0.storedDocument($0.segments.last!.baseDoc) }?.body.contains("budget") == true)
        #expect(try reader.db.scalar("PRAGMA mmap_size") ?? 0 > 1 << 30, "the reader maps the index")
    }

    @Test func replacingAFileTombstonesItsOldDocument() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        store.mergePolicy.maxDeletedShare = 2  // keep the tombstone in sight
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var first = IndexBatch()
        first.put(record(root, "a.txt"), document("old words"))
        first.put(record(root, "b.txt", inode: 2), document("other"))
        try store.commit(first)
        var second = IndexBatch()
        second.put(record(root, "a.txt"), document("new words"))
        try store.commit(second)

        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.liveDocuments(with: "old").isEmpty)
        #expect(try reader.liveDocuments(with: "new").count == 1)
        #expect(try reader.liveDocuments(with: "words").count == 1)
        #expect(try store.catalog(rootID: root.id).count == 2)
        #expect(try store.status().deletedDocuments == 1)
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func aFilePutTwiceInOneBatchKeepsOnlyTheLastDocument() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var batch = IndexBatch()
        batch.put(record(root, "a.txt"), document("draft"))
        batch.put(record(root, "a.txt"), document("final"))
        try store.commit(batch)
        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.liveDocuments(with: "draft").isEmpty)
        #expect(try reader.liveDocuments(with: "final").count == 1)
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func deletingEveryDocumentOfASegmentDropsTheSegment() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var batch = IndexBatch()
        batch.put(record(root, "a.txt"), document("alpha"))
        try store.commit(batch)
        let entry = try #require(try store.catalog(rootID: root.id)[RawPath("a.txt")])
        var delete = IndexBatch()
        delete.delete(fileID: entry.fileID)
        try store.commit(delete)

        let status = try store.status()
        #expect(status.files == 0)
        #expect(status.segments == 0)
        #expect(try IndexReader(directory: dir.path).liveDocuments(with: "alpha").isEmpty)
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func rawNonUTF8PathsRoundTrip() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        let path = RawPath(bytes: Array("Begroting_".utf8) + [0xE9] + Array(".txt".utf8))
        var batch = IndexBatch()
        batch.put(FileRecord(rootID: root.id, path: path, stat: stat(), type: .text, mimeType: nil, failure: nil), document("x"))
        try store.commit(batch)
        let catalog = try store.catalog(rootID: root.id)
        #expect(catalog[path] != nil)
        #expect(path.displayString == "Begroting_\\xE9.txt")
        #expect(path.searchableString == "Begroting_é.txt")
    }

    @Test func secondWriterIsRefusedWithTheHoldersPid() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        #expect(throws: WriterLockHeld.self) { _ = try IndexStore(directory: dir.path) }
        #expect(WriterLock.holder(directory: dir.path) == getpid())
        _ = store
    }

    @Test func aNewerSchemaIsRefused() throws {
        let dir = TemporaryDirectory()
        do { _ = try IndexStore(directory: dir.path) }
        try runSQLite(dir.path + "/hdrive.db", "PRAGMA user_version = 99")
        #expect(throws: IndexError.self) { _ = try IndexStore(directory: dir.path) }
    }

    /// Schema 12 drops the stem classes an index of schema 9 to 11 kept: nothing reads them.
    @Test func anUpgradeToSchema12DropsTheStemClasses() throws {
        let dir = TemporaryDirectory()
        do { _ = try IndexStore(directory: dir.path) }
        try runSQLite(dir.path + "/hdrive.db", """
            CREATE TABLE stem_bounds(segment_id INTEGER NOT NULL, stem TEXT NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY(segment_id, stem)) WITHOUT ROWID;
            INSERT INTO stem_bounds VALUES (1, 'cell', x'00'); PRAGMA user_version = 11;
            """)
        let store = try IndexStore(directory: dir.path)
        #expect(try store.integrityCheck().isEmpty)
        #expect(throws: IndexError.self) { try runSQLite(dir.path + "/hdrive.db", "SELECT count(*) FROM stem_bounds") }
    }

    /// Schema 13 lists a snapshot's segments from an index: the table's rows would make the
    /// read walk the norms' overflow pages to reach the deletion counts.
    @Test func anUpgradeToSchema13ListsSegmentsFromAnIndex() throws {
        let dir = TemporaryDirectory()
        do { _ = try storeWithFile("budget", in: dir) }
        try runSQLite(dir.path + "/hdrive.db", "DROP INDEX IF EXISTS segments_by_base; PRAGMA user_version = 12;")
        let store = try IndexStore(directory: dir.path)
        #expect(try store.integrityCheck().isEmpty)
        let db = try SQLiteConnection(path: dir.path + "/hdrive.db", mode: .readOnly)
        let plan = try db.prepare("EXPLAIN QUERY PLAN " + IndexSnapshot.segmentList)
        #expect(try plan.step())
        #expect(plan.text(3)?.contains("COVERING INDEX segments_by_base") == true, "\(plan.text(3) ?? "")")
        #expect(try IndexReader(directory: dir.path).liveDocuments(with: "budget").count == 1)
    }

    /// A new index has 16 KiB pages; one made with SQLite's 4 KiB keeps them. Either way the
    /// WAL is checkpointed after 32 MiB.
    @Test func aNewIndexHasLargePagesAndAnOldOneKeepsItsOwn() throws {
        let new = TemporaryDirectory()
        let store = try IndexStore(directory: new.path)
        #expect(try store.db.scalar("PRAGMA page_size") == 16384)
        #expect(try store.db.scalar("PRAGMA wal_autocheckpoint") == 2048)

        let old = TemporaryDirectory()
        try runSQLite(old.path + "/hdrive.db", "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t(x);")
        do {
            let store = try IndexStore(directory: old.path)
            #expect(try store.db.scalar("PRAGMA page_size") == 4096)
            #expect(try store.db.scalar("PRAGMA wal_autocheckpoint") == 8192)
            let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
            var batch = IndexBatch()
            batch.put(record(root, "a.txt"), document("budget"))
            try store.commit(batch)
        }
        #expect(try IndexReader(directory: old.path).liveDocuments(with: "budget").count == 1)
    }

    @Test func anIndexOfTheFormerSchemaIsUpgradedInPlace() throws {
        let dir = TemporaryDirectory()
        do {
            let store = try IndexStore(directory: dir.path)
            let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
            var batch = IndexBatch()
            batch.put(record(root, "notulen.txt"), document("kantinebegroting"))
            try store.commit(batch)
        }
        // Back to schema 4: documents without member columns.
        try runSQLite(dir.path + "/hdrive.db", """
            DROP INDEX documents_by_file; ALTER TABLE documents DROP COLUMN member;
            ALTER TABLE documents DROP COLUMN member_type; ALTER TABLE documents DROP COLUMN member_failure;
            DROP TABLE text_dictionaries; ALTER TABLE work_queue DROP COLUMN generation;
            PRAGMA user_version = 4;
            """)
        #expect(throws: IndexError.self) { try runSQLite(dir.path + "/hdrive.db", "SELECT member FROM documents") }
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var batch = IndexBatch()
        var zip = document("map/verslag.txt", name: "archief.zip")
        zip.members = [IndexableMember(path: "map/verslag.txt", type: .text, failureKind: nil, document: document("jaarverslag"))]
        batch.put(record(root, "archief.zip", inode: 2), zip)
        try store.commit(batch)
        #expect(try store.integrityCheck().isEmpty)
        let reader = try IndexReader(directory: dir.path)
        let paths = try reader.read { snapshot in
            try ["kantinebegroting", "jaarverslag"].map { term in
                let (segment, list) = try #require(try snapshot.postings(for: term).first)
                var local = -1
                try list.forEach { id, _ in local = id }
                return try #require(try snapshot.storedDocument(segment.baseDoc + Int64(local))).displayPath
            }
        }
        #expect(paths == ["/srv/h/notulen.txt", "/srv/h/archief.zip//map/verslag.txt"])
    }

    /// The reader keeps its prepared statements between reads; each read must still see what
    /// was committed before it, even when the previous read stopped a statement half-way.
    @Test func aLongLivedReaderSeesEachNewCommit() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        let reader: IndexReader
        do {
            var batch = IndexBatch()
            batch.put(record(root, "a.txt"), document("begroting eerste"))
            batch.put(record(root, "b.txt", inode: 2), document("begroting tweede"))
            try store.commit(batch)
            reader = try IndexReader(directory: dir.path)
        }
        for round in 3...5 {
            let (terms, stored) = try reader.read { snapshot in
                // One row of a two-row answer, then the statement is left where it stands.
                (try snapshot.terms(withPrefix: "begroting", limit: 1), try snapshot.storedDocument(1, bodyPrefix: 4))
            }
            #expect(terms == ["begroting"] && stored != nil)
            var batch = IndexBatch()
            batch.put(record(root, "n\(round).txt", inode: UInt64(round)), document("nieuwsbrief\(round)"))
            try store.commit(batch)
            let found = try reader.read { snapshot in
                (try snapshot.containsTerm("nieuwsbrief\(round)"), try snapshot.postings(for: "nieuwsbrief\(round)").count, snapshot.liveDocuments)
            }
            #expect(found.0 && found.1 == 1 && found.2 == round, "round \(round): \(found)")
        }
    }

    /// A reader opened on a small database keeps reading it as checkpoints copy later commits
    /// into it and grow the file.
    @Test func aReaderSeesCommitsCheckpointedIntoAGrownFile() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithFile("begroting eerste", in: dir)
        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.read { try $0.storedDocument(1)?.body } == "begroting eerste")
        let path = dir.path + "/" + IndexStore.databaseName
        let sizeBefore = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let body = (0..<2000).map { "woord\($0)" }.joined(separator: " ")
        for round in 2...6 {
            var batch = IndexBatch()
            batch.put(record(root, "n\(round).txt", inode: UInt64(round)), document("nieuwsbrief\(round) " + body))
            try store.commit(batch)
            try SQLiteConnection(path: path, mode: .readWrite).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let sizeAfter = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(sizeAfter > sizeBefore, "the checkpoints grew the database file")
        let found = try reader.read { snapshot in
            try (2...6).map { round -> Bool in
                let (segment, list) = try #require(try snapshot.postings(for: "nieuwsbrief\(round)").first)
                var local = -1
                try list.forEach { id, _ in local = id }
                return try snapshot.storedDocument(segment.baseDoc + Int64(local))?.body.hasPrefix("nieuwsbrief\(round) woord0") == true
            }
        }
        #expect(found == [true, true, true, true, true])
    }

    /// SQLite gives a dropped last segment's id to the next one: a reader that cached the old
    /// segment must not take the new one for it.
    @Test func aReusedSegmentIdIsNotMistakenForTheSegmentItReplaces() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithFile("kantine rooster", in: dir)
        let reader = try IndexReader(directory: dir.path)
        let before = try reader.read { snapshot in (snapshot.segments.map(\.id), try snapshot.postings(for: "kantine").count) }
        #expect(before.1 == 1)

        var delete = IndexBatch()
        delete.delete(fileID: try #require(try store.catalog(rootID: root.id)[RawPath("a.txt")]).fileID)
        try store.commit(delete)
        var second = IndexBatch()
        second.put(record(root, "b.txt", inode: 2), document("vergadering rooster"))
        try store.commit(second)

        let after = try reader.read { snapshot in
            (snapshot.segments.map(\.id), try snapshot.postings(for: "kantine").count, try snapshot.postings(for: "vergadering").count,
             try snapshot.storedDocument(snapshot.segments[0].baseDoc)?.relativePath.displayString)
        }
        #expect(after.0 == before.0, "the id was reused, which is what this test is about")
        #expect(after.1 == 0 && after.2 == 1 && after.3 == "b.txt", "\(after)")
    }

    @Test func readerWithoutAnIndexSaysWhatToDo() {
        let error = #expect(throws: IndexError.self) { _ = try IndexReader(directory: "/nonexistent/hdrive") }
        #expect(error?.message.contains("run `hdrive index` first") == true)
    }

    @Test func fieldLengthTotalsFollowDeletions() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var batch = IndexBatch()
        batch.put(record(root, "a.txt"), document("one two three four"))
        batch.put(record(root, "b.txt", inode: 2), document("five six"))
        try store.commit(batch)
        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.read { $0.averageLength(.body) } == 3)
        var delete = IndexBatch()
        delete.delete(fileID: try #require(try store.catalog(rootID: root.id)[RawPath("a.txt")]).fileID)
        try store.commit(delete)
        #expect(try reader.read { $0.averageLength(.body) } == 2)
    }
}

/// Changes a database behind the store's back, as an older or newer hdrive would.
func runSQLite(_ path: String, _ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw IndexError("sqlite script failed: \(sql)") }
}

/// The work queue is read the way a drain needs it at any length: in its order, up to the limit.
@Suite struct WorkQueuePlanTests {
    @Test(arguments: [nil, [Int64(1)], [Int64(1), 2]])
    func nextWorkReadsTheQueueInItsOrderWithoutSortingIt(among roots: [Int64]?) throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let plan = try store.db.prepare("EXPLAIN QUERY PLAN " + IndexStore.nextWorkSQL(among: roots))
            .bind(.integer(1), .integer(1), .integer(2))
        var steps: [String] = []
        while try plan.step() { steps.append(plan.text(3) ?? "") }
        #expect(steps.contains { $0.contains("USING COVERING INDEX work_queue_order") }, "\(steps)")
        #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
    }

    @Test func nextWorkStillKeepsToTheRootsAskedFor() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let a = try store.upsertRoot(name: "a", path: RawPath("/srv/a"), displayPrefix: nil)
        let b = try store.upsertRoot(name: "b", path: RawPath("/srv/b"), displayPrefix: nil)
        try store.enqueue([WorkItem(rootID: a.id, path: RawPath("x"), priority: .rescan),
                           WorkItem(rootID: b.id, path: RawPath("y"), priority: .live)])
        let now = WallClock.nowNanoseconds()
        #expect(try store.nextWork(rootID: nil, limit: 10, now: now, among: [a.id]).map(\.path) == [RawPath("x")])
        #expect(try store.nextWork(rootID: b.id, limit: 10, now: now).map(\.path) == [RawPath("y")])
        #expect(try store.nextWork(rootID: nil, limit: 10, now: now).map(\.path) == [RawPath("y"), RawPath("x")])
    }

    @Test func nextWorkPassesOverWhatItIsToldToSkipAndWhatWaitsOutABackoff() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "a", path: RawPath("/srv/a"), displayPrefix: nil)
        try store.enqueue((0..<6).map { WorkItem(rootID: root.id, path: RawPath("f\($0)"), priority: .firstCrawl) })
        let now = WallClock.nowNanoseconds()
        var retry = IndexBatch()
        retry.retryWork(rootID: root.id, path: RawPath("f3"), attempts: 2, notBefore: now + 60_000_000_000, error: "busy")
        try store.commit(retry)
        let inFlight: Set<RawPath> = [RawPath("f0"), RawPath("f1")]
        let next = try store.nextWork(rootID: nil, limit: 2, now: now) { _, path in inFlight.contains(path) }
        #expect(next.map(\.path) == [RawPath("f2"), RawPath("f4")])
        #expect(try store.nextWork(rootID: nil, limit: 10, now: now + 120_000_000_000).first { $0.path == RawPath("f3") }?.attempts == 2)
    }
}
