/// Prepared statements kept for a connection's life: preparing parses the SQL, which for a
/// quick lookup costs more than running it, and a search runs a dozen of them. Used under its
/// owner's lock.
final class StatementCache {
    private let db: SQLiteConnection
    private var statements: [String: SQLiteStatement] = [:]

    init(db: SQLiteConnection) { self.db = db }

    /// The statement for `sql`, reset and with no values bound.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] { return cached.reset() }
        let prepared = try db.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    /// Resets every statement, so that none holds a read transaction open past its end (a
    /// statement left mid-way would keep the old snapshot after the transaction commits).
    func resetAll() {
        for statement in statements.values { statement.reset() }
    }
}
