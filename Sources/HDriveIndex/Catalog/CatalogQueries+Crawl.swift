import HDriveCore

/// Catalog reads for the crawler: a subtree, one path, root health.
extension CatalogQueries {
    /// Files whose path lies in [lower, upper), byte-wise.
    static func entries(_ db: SQLiteConnection, rootID: Int64, range: (lower: [UInt8], upper: [UInt8])) throws -> [RawPath: CatalogEntry] {
        let statement = try db.prepare("SELECT \(entryColumns) FROM files WHERE root_id = ? AND path >= ? AND path < ?")
            .bind(.integer(rootID), .blob(range.lower), .blob(range.upper))
        var entries: [RawPath: CatalogEntry] = [:]
        while try statement.step() {
            let entry = entry(statement)
            entries[entry.path] = entry
        }
        return entries
    }

    static func entries(_ db: SQLiteConnection, rootID: Int64, exact path: RawPath) throws -> CatalogEntry? {
        // Once per queued path: prepared once, and reset so it holds no read snapshot.
        let statement = try db.cached("SELECT \(entryColumns) FROM files WHERE root_id = ? AND path = ?")
            .bind(.integer(rootID), .blob(path.bytes))
        defer { statement.reset() }
        return try statement.step() ? entry(statement) : nil
    }

    static func rootStates(_ db: SQLiteConnection) throws -> [Int64: RootState] {
        // Cached: every search reads these once (its hits name their roots).
        let statement = try db.cached("""
            SELECT root_id, available, reason, fs_type, mount_point, network, watch, checked_at, held_deletions, held_at
            FROM root_state
            """)
        var states: [Int64: RootState] = [:]
        while try statement.step() {
            states[statement.int64(0)] = RootState(
                available: statement.int(1) != 0, reason: statement.text(2), fsType: statement.text(3),
                mountPoint: statement.isNull(4) ? nil : RawPath(bytes: statement.blob(4)).displayString,
                network: statement.int(5) != 0, watch: statement.text(6),
                checkedAt: statement.isNull(7) ? nil : statement.int64(7), heldDeletions: statement.int(8),
                heldAt: statement.isNull(9) ? nil : statement.int64(9))
        }
        return states
    }
}
