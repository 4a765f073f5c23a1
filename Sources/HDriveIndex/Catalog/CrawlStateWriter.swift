import HDriveCore

/// The crawler's own rows (directory permissions, work queue), written inside a batch's
/// transaction so they land together with the documents they concern.
enum CrawlStateWriter {
    static func putDirectory(_ db: SQLiteConnection, rootID: Int64, _ directory: DirectoryRecord) throws {
        try db.cached("""
            INSERT INTO directories(root_id, path, mode, uid, gid) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(root_id, path) DO UPDATE SET mode = excluded.mode, uid = excluded.uid, gid = excluded.gid
            """).bind(.integer(rootID), .blob(directory.path.bytes), .integer(Int64(directory.mode)),
                      .integer(Int64(directory.uid)), .integer(Int64(directory.gid))).run()
    }

    static func deleteDirectory(_ db: SQLiteConnection, rootID: Int64, path: RawPath) throws {
        try db.cached("DELETE FROM directories WHERE root_id = ? AND path = ?")
            .bind(.integer(rootID), .blob(path.bytes)).run()
    }

    /// Removes the path's row unless it was queued again since it was read at `generation`.
    static func completeWork(_ db: SQLiteConnection, rootID: Int64, path: RawPath, generation: Int64) throws {
        try db.cached("DELETE FROM work_queue WHERE root_id = ? AND path = ? AND generation = ?")
            .bind(.integer(rootID), .blob(path.bytes), .integer(generation)).run()
    }

    static func retryWork(_ db: SQLiteConnection, rootID: Int64, path: RawPath, attempts: Int, notBefore: Int64,
                          error: String) throws {
        try db.cached("UPDATE work_queue SET attempts = ?, not_before = ?, last_error = ? WHERE root_id = ? AND path = ?")
            .bind(.int(attempts), .integer(notBefore), .text(error), .integer(rootID), .blob(path.bytes)).run()
    }

    /// Adds paths, or raises the priority of paths already queued (one row per path) and counts
    /// the new request in its generation: a worker that read the row before keeps it queued.
    static func enqueue(_ db: SQLiteConnection, _ items: [WorkItem], at time: Int64) throws {
        let insert = try db.prepare("""
            INSERT INTO work_queue(root_id, path, priority, enqueued_at, attempts) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(root_id, path) DO UPDATE SET priority = min(priority, excluded.priority), generation = generation + 1
            """)
        for item in items {
            try insert.reset().bind(.integer(item.rootID), .blob(item.path.bytes), .int(item.priority.rawValue),
                                    .integer(time), .int(item.attempts)).run()
        }
    }
}

/// Byte-wise bounds of "everything under this directory": paths starting with `dir/`.
/// "/" is 0x2F, so the upper bound `dir0` (0x30) ends the range.
enum SubtreeRange {
    static func bounds(_ directory: RawPath) -> (lower: [UInt8], upper: [UInt8]) {
        (directory.bytes + [RawPath.separator], directory.bytes + [RawPath.separator + 1])
    }
}
