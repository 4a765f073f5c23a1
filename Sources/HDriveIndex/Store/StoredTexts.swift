/// Stored bodies of one connection: encoded with the newest zstd dictionary, decoded with whichever
/// dictionary a body names. Dictionaries never change once written, so they are cached for the
/// connection's life. Owned by one store or reader and used under its lock.
final class StoredTexts {
    private let db: SQLiteConnection
    private var dictionaries: [Int64: TextDictionary] = [:]
    /// Digesting a dictionary costs as much as compressing many documents.
    private var newestCodec: StoredTextCodec?

    init(db: SQLiteConnection) { self.db = db }

    /// The codec for new bodies: with the newest zstd dictionary, if there is one.
    func codec() throws -> StoredTextCodec {
        let id = try db.scalar("SELECT max(id) FROM text_dictionaries WHERE kind = 'zstd'")
        if let newestCodec, newestCodec.dictionary?.id == id { return newestCodec }
        let codec = StoredTextCodec(dictionary: try id.flatMap(dictionary))
        newestCodec = codec
        return codec
    }

    /// After a rollback: a dictionary read in it may be gone, and its id given to another.
    func forgetCached() {
        dictionaries.removeAll()
        newestCodec = nil
    }

    /// Trains a dictionary on `bodies` when no zstd one exists yet and they hold enough text
    /// to be worth it; inside the caller's transaction. Once one exists, `bodies` is not gathered.
    func createDictionaryIfNeeded(from bodies: @autoclosure () -> [String]) throws {
        guard try db.scalar("SELECT count(*) FROM text_dictionaries WHERE kind = 'zstd'") == 0,
              let bytes = TextDictionary.make(from: bodies()) else { return }
        try db.prepare("INSERT INTO text_dictionaries(bytes, kind) VALUES (?, 'zstd')").bind(.blob(bytes)).run()
    }

    /// The body in `column`: plain TEXT, or a BLOB the codec wrote; at least its first `prefix`
    /// bytes (a deflated body is inflated no further).
    func body(_ statement: SQLiteStatement, _ column: Int32, prefix: Int = .max) throws -> String {
        guard statement.isBlob(column) else { return statement.text(column) ?? "" }
        return try StoredTextCodec.decode(statement.blob(column), prefix: prefix, dictionary: dictionary) ?? ""
    }

    func dictionary(_ id: Int64) throws -> TextDictionary? {
        if let cached = dictionaries[id] { return cached }
        let statement = try db.prepare("SELECT bytes, kind FROM text_dictionaries WHERE id = ?").bind(.integer(id))
        guard try statement.step(), let kind = TextDictionary.Kind(rawValue: statement.text(1) ?? "") else { return nil }
        let found = TextDictionary(id: id, bytes: statement.blob(0), kind: kind)
        dictionaries[id] = found
        return found
    }
}
