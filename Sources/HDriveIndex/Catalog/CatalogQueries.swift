import Foundation
import HDriveCore

/// Read queries over the catalog, shared by the writer and the readers.
enum CatalogQueries {
    static func roots(_ db: SQLiteConnection) throws -> [RootRecord] {
        // Cached: every search reads these once (its hits name their roots).
        let statement = try db.cached("""
            SELECT id, name, path, display_prefix, last_scan_started, last_scan_finished, last_scan_summary
            FROM roots ORDER BY name
            """)
        var roots: [RootRecord] = []
        while try statement.step() {
            roots.append(RootRecord(
                id: statement.int64(0), name: statement.text(1) ?? "", path: RawPath(bytes: statement.blob(2)),
                displayPrefix: statement.text(3),
                lastScanStarted: statement.isNull(4) ? nil : statement.int64(4),
                lastScanFinished: statement.isNull(5) ? nil : statement.int64(5),
                lastScanSummary: statement.text(6)))
        }
        return roots
    }

    static func entries(_ db: SQLiteConnection, rootID: Int64) throws -> [RawPath: CatalogEntry] {
        let statement = try db.prepare("SELECT \(entryColumns) FROM files WHERE root_id = ?").bind(.integer(rootID))
        var entries: [RawPath: CatalogEntry] = [:]
        while try statement.step() {
            let entry = entry(statement)
            entries[entry.path] = entry
        }
        return entries
    }

    static let entryColumns = "id, path, size, mtime_ns, ctime_ns, device, inode, mode, uid, gid, type, state, doc_id"

    /// Decodes a row selected with `entryColumns`.
    static func entry(_ statement: SQLiteStatement) -> CatalogEntry {
        let path = RawPath(bytes: statement.blob(1))
        let stat = FileStat(size: statement.int64(2), mtimeNs: statement.int64(3), ctimeNs: statement.int64(4),
                            device: UInt64(bitPattern: statement.int64(5)), inode: UInt64(bitPattern: statement.int64(6)),
                            mode: UInt32(truncatingIfNeeded: statement.int64(7)),
                            uid: UInt32(truncatingIfNeeded: statement.int64(8)), gid: UInt32(truncatingIfNeeded: statement.int64(9)))
        return CatalogEntry(
            fileID: statement.int64(0), path: path, stat: stat, type: FileType(statement.text(10) ?? "other"),
            state: FileState(rawValue: statement.text(11) ?? "") ?? .failed,
            docID: statement.isNull(12) ? nil : statement.int64(12))
    }

    static func status(_ db: SQLiteConnection, directory: String) throws -> IndexStatus {
        func grouped(_ sql: String) throws -> [String: Int] {
            let statement = try db.prepare(sql)
            var result: [String: Int] = [:]
            while try statement.step() { result[statement.text(0) ?? "?"] = statement.int(1) }
            return result
        }
        var roots: [IndexStatus.Root] = []
        let filesPerRoot = try grouped("SELECT root_id, count(*) FROM files GROUP BY root_id")
        let queuedPerRoot = try grouped("SELECT root_id, count(*) FROM work_queue GROUP BY root_id")
        let states = try rootStates(db)
        var rootNames: [Int64: RootRecord] = [:]
        for root in try self.roots(db) {
            rootNames[root.id] = root
            roots.append(IndexStatus.Root(
                name: root.name, path: root.path.displayString, displayPrefix: root.displayPrefix,
                files: filesPerRoot[String(root.id)] ?? 0, lastScanStarted: root.lastScanStarted,
                lastScanFinished: root.lastScanFinished, lastScanSummary: root.lastScanSummary,
                state: states[root.id], queued: queuedPerRoot[String(root.id)] ?? 0))
        }
        var failures: [IndexStatus.Failure] = []
        let recent = try db.prepare("""
            SELECT root_id, path, failure_kind, failure_message FROM files
            WHERE failure_kind IS NOT NULL ORDER BY indexed_at DESC LIMIT 20
            """)
        while try recent.step() {
            let root = rootNames[recent.int64(0)]
            let path = RawPath(bytes: recent.blob(1))
            failures.append(IndexStatus.Failure(
                root: root?.name ?? "?", path: root?.displayPath(of: path) ?? path.displayString,
                kind: recent.text(2) ?? "", message: recent.text(3) ?? ""))
        }
        let dbPath = directory + "/" + IndexStore.databaseName
        var bytes: Int64 = 0
        for suffix in ["", "-wal"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: dbPath + suffix)[.size] as? NSNumber)?.int64Value
            bytes += size ?? 0
        }
        var status = IndexStatus(
            dataDirectory: directory,
            schemaVersion: Int(try db.scalar("PRAGMA user_version") ?? 0),
            roots: roots,
            files: Int(try db.scalar("SELECT count(*) FROM files") ?? 0),
            documents: Int(try db.scalar("SELECT count(*) FROM documents") ?? 0),
            segments: Int(try db.scalar("SELECT count(*) FROM segments") ?? 0),
            deletedDocuments: Int(try db.scalar("SELECT coalesce(sum(deleted_count), 0) FROM segments") ?? 0),
            byState: try grouped("SELECT state, count(*) FROM files GROUP BY state"),
            byType: try grouped("SELECT type, count(*) FROM files GROUP BY type"),
            failuresByKind: try grouped("SELECT failure_kind, count(*) FROM files WHERE failure_kind IS NOT NULL GROUP BY failure_kind"),
            recentFailures: failures,
            databaseBytes: bytes)
        let duplicates = try db.prepare("""
            SELECT count(*), coalesce(sum(n), 0) FROM
              (SELECT count(*) AS n FROM files WHERE content_hash IS NOT NULL GROUP BY content_hash HAVING n > 1)
            """)
        if try duplicates.step() {
            status.duplicateGroups = duplicates.int(0)
            status.duplicateFiles = duplicates.int(1)
        }
        return status
    }
}
