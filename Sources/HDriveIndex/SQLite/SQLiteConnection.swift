import CSQLite3

/// An error from SQLite or from the index's own checks, with the statement or path it concerns.
public struct IndexError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var code: Int32

    public init(_ message: String, code: Int32 = SQLITE_ERROR) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
    /// True when another process holds the write lock past the busy timeout.
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
}

/// One SQLite connection. Not thread-safe: each owner serializes its own use.
final class SQLiteConnection {
    private(set) var handle: OpaquePointer?
    let path: String

    enum Mode { case create, readWrite, readOnly }

    init(path: String, mode: Mode) throws {
        self.path = path
        let flags: Int32 = switch mode {
        case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        case .readWrite: SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        case .readOnly: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw IndexError("cannot open database \(path): \(message)", code: rc)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Readers and the writer meet in WAL mode; wait for a lock rather than fail at once.
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(errorMessage)
            throw IndexError("\(message) (in: \(sql.prefix(80)))", code: rc)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Statements run once per file of a batch, or a dozen times per search: parsing them each
    /// time cost more than running them.
    private var cache: [String: SQLiteStatement] = [:]

    /// A statement prepared once for the connection's life, reset and ready to bind. A query
    /// must be reset when read: left open, it would pin a read snapshot.
    func cached(_ sql: String) throws -> SQLiteStatement {
        if let statement = cache[sql] { return statement.reset() }
        let statement = try prepare(sql)
        cache[sql] = statement
        return statement
    }

    /// Resets every cached statement, so that none a caller left half-read pins the snapshot
    /// of a transaction that has ended.
    func resetCached() {
        for statement in cache.values { statement.reset() }
    }

    /// Runs `body` in one transaction: all of it lands, or none of it.
    func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ rc: Int32, _ context: String) -> IndexError {
        IndexError("\(context): \(String(cString: sqlite3_errmsg(handle)))", code: rc)
    }

    /// Runs a query returning one integer (counts, pragmas).
    func scalar(_ sql: String) throws -> Int64? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int64(0) : nil
    }
}
