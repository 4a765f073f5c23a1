import Foundation
import HDriveCore

/// What the crawler reads and keeps besides documents: subtrees of the catalog, stored text for
/// moves, directory permissions, root health and the persistent work queue.
extension IndexStore {
    // MARK: Catalog

    /// The files below `directory` (every file of the root when it is empty).
    public func catalog(rootID: Int64, under directory: RawPath) throws -> [RawPath: CatalogEntry] {
        guard !directory.isEmpty else { return try catalog(rootID: rootID) }
        let (lower, upper) = SubtreeRange.bounds(directory)
        return try CatalogQueries.entries(db, rootID: rootID, range: (lower, upper))
    }

    /// Whether a root holds any file below `directory` (anywhere when it is empty); cheaper than a count.
    public func hasFiles(rootID: Int64, under directory: RawPath) throws -> Bool {
        let (lower, upper) = directory.isEmpty ? ([], [0xFF, 0xFF]) : SubtreeRange.bounds(directory)
        let statement = try db.prepare("SELECT 1 FROM files WHERE root_id = ? AND path >= ? AND (? OR path < ?) LIMIT 1")
            .bind(.integer(rootID), .blob(lower), .int(directory.isEmpty ? 1 : 0), .blob(upper))
        return try statement.step()
    }

    /// A reader of catalog ranges for one root, reusing its prepared statements; use it as the
    /// store itself (one caller at a time), and not after the store is gone.
    public func catalogRanges(rootID: Int64) throws -> CatalogRangeReader {
        try CatalogRangeReader(db: db, rootID: rootID)
    }

    /// The stored text and type of a file's document, to re-index it under another path.
    public func storedContent(fileID: Int64) throws -> StoredContent? {
        let statement = try db.prepare("""
            SELECT d.title, d.body, d.metadata, f.type, f.mime, f.failure_kind, f.failure_message, f.content_hash
            FROM files f LEFT JOIN documents d ON d.doc_id = f.doc_id WHERE f.id = ?
            """).bind(.integer(fileID))
        guard try statement.step() else { return nil }
        let failure = statement.text(5).flatMap { kind in
            ExtractionFailure.Kind(rawValue: kind).map { ExtractionFailure($0, statement.text(6) ?? "") }
        }
        var content = StoredContent(title: statement.text(0), body: try storedTexts.body(statement, 1), metadataJSON: statement.text(2),
                                    type: FileType(statement.text(3) ?? "other"), mimeType: statement.text(4), failure: failure,
                                    contentHash: statement.isNull(7) ? nil : statement.blob(7))
        let members = try db.prepare("""
            SELECT member, member_type, member_failure, title, body, metadata FROM documents
            WHERE file_id = ? AND member IS NOT NULL ORDER BY doc_id
            """).bind(.integer(fileID))
        while try members.step() {
            content.members.append(StoredMember(path: members.text(0) ?? "", type: FileType(members.text(1) ?? "other"),
                                                failureKind: members.text(2), title: members.text(3),
                                                body: try storedTexts.body(members, 4), metadataJSON: members.text(5)))
        }
        return content
    }

    /// Content hashes of the given files, for those that have one.
    public func contentHashes(fileIDs: [Int64]) throws -> [Int64: [UInt8]] {
        let statement = try db.prepare("SELECT content_hash FROM files WHERE id = ? AND content_hash IS NOT NULL")
        var hashes: [Int64: [UInt8]] = [:]
        for id in fileIDs {
            statement.reset().bind(.integer(id))
            if try statement.step() { hashes[id] = statement.blob(0) }
        }
        return hashes
    }

    /// Another catalogued path of the same file (a hard link), whose document can be shared.
    public func hardLinkTwin(device: UInt64, inode: UInt64, excluding path: RawPath, rootID: Int64) throws -> CatalogEntry? {
        let statement = try db.prepare("""
            SELECT id, root_id, path FROM files WHERE device = ? AND inode = ? AND doc_id IS NOT NULL LIMIT 8
            """).bind(.integer(Int64(bitPattern: device)), .integer(Int64(bitPattern: inode)))
        var candidate: (id: Int64, root: Int64, path: RawPath)?
        while try statement.step() {
            let found = (statement.int64(0), statement.int64(1), RawPath(bytes: statement.blob(2)))
            if found.1 != rootID || found.2 != path { candidate = found; break }
        }
        guard let candidate else { return nil }
        return try CatalogQueries.entries(db, rootID: candidate.root, exact: candidate.path)
    }

    /// Groups of files with identical content: (groups, files in them).
    public func duplicateCounts() throws -> (groups: Int, files: Int) {
        let statement = try db.prepare("""
            SELECT count(*), coalesce(sum(n), 0) FROM
              (SELECT count(*) AS n FROM files WHERE content_hash IS NOT NULL GROUP BY content_hash HAVING n > 1)
            """)
        guard try statement.step() else { return (0, 0) }
        return (statement.int(0), statement.int(1))
    }

    /// Paths sharing their content with at least one other file, grouped, largest groups first.
    public func duplicates(limit: Int) throws -> [[(rootID: Int64, path: RawPath)]] {
        let statement = try db.prepare("""
            SELECT f.content_hash, f.root_id, f.path FROM files f JOIN
              (SELECT content_hash, count(*) AS n FROM files WHERE content_hash IS NOT NULL
               GROUP BY content_hash HAVING n > 1 ORDER BY n DESC LIMIT ?) g ON g.content_hash = f.content_hash
            ORDER BY g.n DESC, f.content_hash, f.path
            """).bind(.int(limit))
        var groups: [[(rootID: Int64, path: RawPath)]] = []
        var last: [UInt8]?
        while try statement.step() {
            let hash = statement.blob(0)
            if hash != last { groups.append([]); last = hash }
            groups[groups.count - 1].append((statement.int64(1), RawPath(bytes: statement.blob(2))))
        }
        return groups
    }

    // MARK: Directories

    /// Directory permissions below `directory` (all of the root's when it is empty), the root itself included then.
    public func directories(rootID: Int64, under directory: RawPath) throws -> [RawPath: DirectoryRecord] {
        let (lower, upper) = SubtreeRange.bounds(directory)
        let statement = directory.isEmpty
            ? try db.prepare("SELECT path, mode, uid, gid FROM directories WHERE root_id = ?").bind(.integer(rootID))
            : try db.prepare("SELECT path, mode, uid, gid FROM directories WHERE root_id = ? AND path >= ? AND path < ?")
                .bind(.integer(rootID), .blob(lower), .blob(upper))
        var result: [RawPath: DirectoryRecord] = [:]
        while try statement.step() {
            let path = RawPath(bytes: statement.blob(0))
            result[path] = DirectoryRecord(path: path, mode: UInt32(truncatingIfNeeded: statement.int64(1)),
                                           uid: UInt32(truncatingIfNeeded: statement.int64(2)),
                                           gid: UInt32(truncatingIfNeeded: statement.int64(3)))
        }
        return result
    }

    /// The permissions of each directory from the root down to `path`'s parent, root first:
    /// what decides whether a user may reach the file at all.
    public func directoryChain(rootID: Int64, of path: RawPath) throws -> [DirectoryRecord] {
        let statement = try db.prepare("SELECT mode, uid, gid FROM directories WHERE root_id = ? AND path = ?")
        var chain: [DirectoryRecord] = []
        var prefixes: [RawPath] = [RawPath(bytes: [])]
        var current = RawPath(bytes: [])
        for component in path.components.dropLast() {
            current = current.appending(component)
            prefixes.append(current)
        }
        for prefix in prefixes {
            statement.reset().bind(.integer(rootID), .blob(prefix.bytes))
            guard try statement.step() else { continue }
            chain.append(DirectoryRecord(path: prefix, mode: UInt32(truncatingIfNeeded: statement.int64(0)),
                                         uid: UInt32(truncatingIfNeeded: statement.int64(1)),
                                         gid: UInt32(truncatingIfNeeded: statement.int64(2))))
        }
        return chain
    }

    // MARK: Root state

    public func rootState(rootID: Int64) throws -> RootState? {
        try CatalogQueries.rootStates(db)[rootID]
    }

    public func saveRootState(rootID: Int64, _ state: RootState) throws {
        try db.prepare("""
            INSERT INTO root_state(root_id, available, reason, fs_type, mount_point, network, watch, checked_at,
                                   held_deletions, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(root_id) DO UPDATE SET available = excluded.available, reason = excluded.reason,
                fs_type = excluded.fs_type, mount_point = excluded.mount_point, network = excluded.network,
                watch = excluded.watch, checked_at = excluded.checked_at,
                held_deletions = excluded.held_deletions, held_at = excluded.held_at
            """).bind(.integer(rootID), .int(state.available ? 1 : 0), .optionalText(state.reason),
                      .optionalText(state.fsType), state.mountPoint.map { .blob(Array($0.utf8)) },
                      .int(state.network ? 1 : 0), .optionalText(state.watch), state.checkedAt.map(SQLiteValue.integer),
                      .int(state.heldDeletions), state.heldAt.map(SQLiteValue.integer)).run()
    }

    // MARK: Work queue

    /// Queues paths in one transaction; a path already queued keeps one row, at the higher priority.
    public func enqueue(_ items: [WorkItem]) throws {
        guard !items.isEmpty else { return }
        try db.transaction { try CrawlStateWriter.enqueue(db, items, at: WallClock.nowNanoseconds()) }
    }

    /// The next paths to work on, most urgent first, skipping those waiting out a backoff,
    /// those less urgent than `upTo`, those of roots not `among` the given ones, and those
    /// `skip` names (paths in flight, which stay queued until their batch commits).
    public func nextWork(rootID: Int64?, limit: Int, now: Int64, upTo: WorkPriority = .firstCrawl,
                         among roots: [Int64]? = nil, skipping skip: (Int64, RawPath) -> Bool = { _, _ in false }) throws -> [WorkItem] {
        let order = try db.prepare(Self.nextWorkSQL(among: roots))
            .bind(rootID.map(SQLiteValue.integer), rootID.map(SQLiteValue.integer), .int(upTo.rawValue))
        let details = try db.cached("SELECT attempts, generation FROM work_queue WHERE root_id = ? AND path = ? AND not_before <= ?")
        defer { details.reset() }
        var items: [WorkItem] = []
        while items.count < limit, try order.step() {
            let root = order.int64(0), path = RawPath(bytes: order.blob(1))
            if skip(root, path) { continue }
            details.reset().bind(.integer(root), .blob(path.bytes), .integer(now))
            guard try details.step() else { continue }  // waiting out a backoff
            items.append(WorkItem(rootID: root, path: path, priority: WorkPriority(rawValue: order.int(2)) ?? .rescan,
                                  attempts: details.int(0), generation: details.int64(1)))
        }
        return items
    }

    /// The queue's order, read from its index alone (the index holds the primary key), so that
    /// the paths skipped cost no lookup of their rows: a first crawl's planning passed over the
    /// two batches in flight, 32,000 rows, for each batch. `+root_id` keeps SQLite from choosing
    /// the primary key for the root instead: it then read and sorted every queued path of the
    /// root for each batch (100,000 at a first crawl's start).
    static func nextWorkSQL(among roots: [Int64]?) -> String {
        let among = roots.map { " AND +root_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
        return """
            SELECT root_id, path, priority FROM work_queue
            WHERE (? IS NULL OR +root_id = ?) AND priority <= ?\(among)
            ORDER BY priority, enqueued_at
            """
    }

    /// Paths queued (for one root, or all), and the earliest time one waiting out a backoff is due.
    public func queueState(rootID: Int64?) throws -> (count: Int, nextRetry: Int64?) {
        let statement = try db.prepare("""
            SELECT count(*), min(CASE WHEN not_before > 0 THEN not_before END) FROM work_queue
            WHERE ? IS NULL OR root_id = ?
            """).bind(rootID.map(SQLiteValue.integer), rootID.map(SQLiteValue.integer))
        guard try statement.step() else { return (0, nil) }
        return (statement.int(0), statement.isNull(1) ? nil : statement.int64(1))
    }
}

extension IndexStore {
    /// The catalogued file at one path, if any.
    public func catalogEntry(rootID: Int64, path: RawPath) throws -> CatalogEntry? {
        try CatalogQueries.entries(db, rootID: rootID, exact: path)
    }

    /// When a file's row was last written (unix ns).
    public func indexedAt(fileID: Int64) throws -> Int64? {
        let statement = try db.prepare("SELECT indexed_at FROM files WHERE id = ?").bind(.integer(fileID))
        return try statement.step() ? statement.int64(0) : nil
    }

    /// Files of a root, for the mass-deletion guard.
    public func fileCount(rootID: Int64) throws -> Int {
        let statement = try db.prepare("SELECT count(*) FROM files WHERE root_id = ?").bind(.integer(rootID))
        return try statement.step() ? statement.int(0) : 0
    }
}

/// Streams a root's catalog rows by path range, in byte order of path (the UNIQUE(root_id, path)
/// index), so a scan compares one directory at a time instead of holding the whole catalog.
public final class CatalogRangeReader {
    private let bounded: SQLiteStatement
    private let unbounded: SQLiteStatement
    private let rootID: Int64

    init(db: SQLiteConnection, rootID: Int64) throws {
        self.rootID = rootID
        bounded = try db.prepare("""
            SELECT \(CatalogQueries.entryColumns) FROM files WHERE root_id = ? AND path >= ? AND path < ? ORDER BY path
            """)
        unbounded = try db.prepare("""
            SELECT \(CatalogQueries.entryColumns) FROM files WHERE root_id = ? AND path >= ? ORDER BY path
            """)
    }

    /// Calls `body` with each file whose path lies in [lower, upper) (no upper bound when nil).
    public func forEach(from lower: [UInt8], below upper: [UInt8]?, _ body: (CatalogRow) throws -> Void) throws {
        let statement = upper == nil ? unbounded : bounded
        statement.reset().bind(.integer(rootID), .blob(lower))
        if let upper { statement.bind(.blob(upper), at: 3) }
        // Reset even on error: an open statement would pin a read snapshot of the database.
        defer { statement.reset() }
        while try statement.step() { try body(CatalogRow(statement: statement)) }
    }
}

/// One row of a `CatalogRangeReader`, valid during its callback only: a rescan compares a
/// million of them, so the path is compared in place and the entry built only when needed.
public struct CatalogRow {
    private let statement: SQLiteStatement

    init(statement: SQLiteStatement) { self.statement = statement }

    public var fileID: Int64 { statement.int64(0) }

    public var stat: FileStat {
        FileStat(size: statement.int64(2), mtimeNs: statement.int64(3), ctimeNs: statement.int64(4),
                 device: UInt64(bitPattern: statement.int64(5)), inode: UInt64(bitPattern: statement.int64(6)),
                 mode: UInt32(truncatingIfNeeded: statement.int64(7)),
                 uid: UInt32(truncatingIfNeeded: statement.int64(8)), gid: UInt32(truncatingIfNeeded: statement.int64(9)))
    }

    /// The whole row.
    public var entry: CatalogEntry { CatalogQueries.entry(statement) }

    /// Orders this row's path against `path` as SQLite orders BLOBs: negative, zero or positive.
    public func comparePath(_ path: [UInt8]) -> Int {
        statement.withBlob(1) { mine in
            path.withUnsafeBytes { other in
                let common = min(mine.count, other.count)
                let order = common == 0 ? 0 : memcmp(mine.baseAddress!, other.baseAddress!, common)
                return order != 0 ? Int(order) : mine.count - other.count
            }
        }
    }
}
