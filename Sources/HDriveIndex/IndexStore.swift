import Foundation
import HDriveCore
import HDriveText

/// The writer: the one place that changes the catalog and the inverted index.
///
/// One `IndexStore` per process may write; SQLite's WAL lets any number of `IndexReader`s
/// read a consistent snapshot meanwhile. Not thread-safe: its owner serializes calls.
public final class IndexStore {
    public static let databaseName = "hdrive.db"
    /// The WAL grows this far before SQLite copies it into the database (`wal_autocheckpoint`,
    /// which counts pages of whatever size the index has).
    static let checkpointBytes = 32 << 20

    let db: SQLiteConnection
    let analyzer: Analyzer
    let stemmers: Stemmers
    private let lock: WriterLock
    public let directory: String
    lazy var storedTexts = StoredTexts(db: db)
    private let knownTerms = KnownTerms()

    public init(directory: String, analyzer: Analyzer = Analyzer(), stemmers: Stemmers = Stemmers()) throws {
        self.directory = directory
        self.analyzer = analyzer
        self.stemmers = stemmers
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw IndexError("cannot create data directory \(directory): \(error.localizedDescription)")
        }
        lock = try WriterLock(directory: directory)
        db = try SQLiteConnection(path: directory + "/" + IndexStore.databaseName, mode: .create)
        // Before the first table, so for a new index only: an index keeps the page size it
        // was made with. Larger pages than SQLite's 4 KiB hold a posting list's or a segment's
        // norms in a quarter of the overflow pages; a 100,000-file first index was 4% faster
        // to build and 3% smaller.
        try db.execute("PRAGMA page_size = 16384")
        try db.execute("PRAGMA journal_mode = WAL")
        // NORMAL in WAL mode: a power cut may lose the last commits, never consistency;
        // the next scan re-finds whatever was lost.
        try db.execute("PRAGMA synchronous = NORMAL")
        try db.execute("PRAGMA foreign_keys = ON")
        // A commit touches the catalog's and the vocabulary's indexes at scattered pages: with
        // SQLite's 2 MiB cache and a checkpoint every 4 MiB of WAL, a crawl spent a third of its
        // system time re-reading pages and copying the same pages to the database again.
        try db.execute("PRAGMA cache_size = -32768")
        let pageSize = Int(try db.scalar("PRAGMA page_size") ?? 4096)
        try db.execute("PRAGMA wal_autocheckpoint = \(Self.checkpointBytes / max(pageSize, 512))")
        try Schema.migrate(db, vocabulary: VocabularyWriter(db: db, stemmers: stemmers))
    }

    // MARK: Roots

    /// Registers a root, or updates its path and display prefix, by name.
    @discardableResult
    public func upsertRoot(name: String, path: RawPath, displayPrefix: String?) throws -> RootRecord {
        let statement = try db.prepare("""
            INSERT INTO roots(name, path, display_prefix) VALUES (?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET path = excluded.path, display_prefix = excluded.display_prefix
            RETURNING id
            """)
        statement.bind(.text(name), .blob(path.bytes), .optionalText(displayPrefix))
        guard try statement.step() else { throw IndexError("cannot register root \(name)") }
        let id = statement.int64(0)
        statement.reset()
        return try CatalogQueries.roots(db).first { $0.id == id }!
    }

    public func roots() throws -> [RootRecord] { try CatalogQueries.roots(db) }

    public func markScanStarted(rootID: Int64, at time: Int64) throws {
        try db.prepare("UPDATE roots SET last_scan_started = ?, last_scan_finished = NULL WHERE id = ?")
            .bind(.integer(time), .integer(rootID)).run()
    }

    public func markScanFinished(rootID: Int64, at time: Int64, summaryJSON: String) throws {
        try db.prepare("UPDATE roots SET last_scan_finished = ?, last_scan_summary = ? WHERE id = ?")
            .bind(.integer(time), .text(summaryJSON), .integer(rootID)).run()
    }

    // MARK: Catalog

    /// Every file of a root with what change detection needs, keyed by relative path.
    public func catalog(rootID: Int64) throws -> [RawPath: CatalogEntry] {
        try CatalogQueries.entries(db, rootID: rootID)
    }

    public func status() throws -> IndexStatus { try CatalogQueries.status(db, directory: directory) }

    // MARK: Writing

    /// Runs `body`, which only reads, in one read transaction: each statement outside one takes
    /// and drops SQLite's read lock (two system calls), and a batch's planning asks once per file.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try db.transaction(immediate: false, body)
    }

    /// Prepares documents for `IndexBatch.put` on any thread, so that a commit only writes.
    public func preparer() throws -> DocumentPreparer {
        DocumentPreparer(analyzer: analyzer, codec: try storedTexts.codec())
    }

    /// Applies a batch in one transaction: catalog rows, documents, a new segment, tombstones.
    public func commit(_ batch: IndexBatch) throws {
        guard !batch.isEmpty else { return }
        do {
            try write(batch)
        } catch {
            storedTexts.forgetCached()
            knownTerms.forget()
            throw error
        }
        try mergeSegments()
    }

    private func write(_ batch: IndexBatch) throws {
        try db.transaction {
            try storedTexts.createDictionaryIfNeeded(from: batch.bodies)
            var writer = try BatchWriter(db: db, analyzer: analyzer, vocabulary: VocabularyWriter(db: db, stemmers: stemmers, known: knownTerms),
                                         codec: storedTexts.codec(), segment: batch.segment)
            for operation in batch.operations {
                switch operation {
                case .put(let file, let document): try writer.put(file, document)
                case .delete(let fileID): try writer.delete(fileID: fileID)
                case .move(let fileID, let file, let document): try writer.move(fileID: fileID, to: file, document)
                case .putDirectory(let rootID, let directory): try CrawlStateWriter.putDirectory(db, rootID: rootID, directory)
                case .deleteDirectory(let rootID, let path): try CrawlStateWriter.deleteDirectory(db, rootID: rootID, path: path)
                case .completeWork(let rootID, let path, let generation):
                    try CrawlStateWriter.completeWork(db, rootID: rootID, path: path, generation: generation)
                case .retryWork(let rootID, let path, let attempts, let notBefore, let error):
                    try CrawlStateWriter.retryWork(db, rootID: rootID, path: path, attempts: attempts, notBefore: notBefore, error: error)
                }
            }
            try writer.finish()
        }
    }

    /// When segments pile up, merged as the policy says, each merge in its own transaction so
    /// readers keep their snapshot and a crash loses at most the merge in flight.
    public var mergePolicy = MergePolicy()

    public func mergeSegments() throws {
        for _ in 0..<64 {
            let segments = try db.prepare("SELECT id, doc_count, deleted_count FROM segments")
            var all: [MergePolicy.Segment] = []
            while try segments.step() {
                all.append(MergePolicy.Segment(id: segments.int64(0), docCount: segments.int(1), deletedCount: segments.int(2)))
            }
            guard let chosen = mergePolicy.nextMerge(all) else { return }
            try db.transaction { try SegmentMerger(db: db).merge(chosen) }
        }
    }

    /// Runs SQLite's own consistency check plus the index's; returns the problems found.
    public func integrityCheck() throws -> [String] {
        try IntegrityCheck.run(db)
    }
}
