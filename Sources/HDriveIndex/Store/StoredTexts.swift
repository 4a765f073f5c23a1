/// Stored bodies of one connection: encoded with the newest dictionary, decoded with whichever
/// dictionary a body names. Dictionaries never change once written, so they are cached for the
/// connection's life. Owned by one store or reader and used under its lock.
final class StoredTexts {
    private let db: SQLiteConnection
    private var dictionaries: [Int64: TextDictionary] = [:]
    /// Priming a codec with its dictionary costs as much as deflating a few documents.
    private var newestCodec: StoredTextCodec?

    init(db: SQLiteConnection) { self.db = db }

    /// The codec for new bodies: with the newest dictionary, if there is one.
    func codec() throws -> StoredTextCodec {
        let id = try db.scalar("SELECT max(id) FROM text_dictionaries")
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

    /// Samples a dictionary from `bodies` when none exists yet and they hold enough text to
    /// be worth it; inside the caller's transaction. Once one exists, `bodies` is not gathered.
    func createDictionaryIfNeeded(from bodies: @autoclosure () -> [String]) throws {
        guard try db.scalar("SELECT count(*) FROM text_dictionaries") == 0 else { return }
        let sample = TextDictionary.sample(bodies())
        guard sample.count >= StoredTextCodec.dictionaryLength / 2 else { return }
        try db.prepare("INSERT INTO text_dictionaries(bytes) VALUES (?)").bind(.blob(sample)).run()
    }

    /// The body in `column`: plain TEXT, or a BLOB the codec wrote; at least its first `prefix`
    /// bytes (a deflated body is inflated no further).
    func body(_ statement: SQLiteStatement, _ column: Int32, prefix: Int = .max) throws -> String {
        guard statement.isBlob(column) else { return statement.text(column) ?? "" }
        return try StoredTextCodec.decode(statement.blob(column), prefix: prefix, dictionary: dictionary) ?? ""
    }

    func dictionary(_ id: Int64) throws -> TextDictionary? {
        if let cached = dictionaries[id] { return cached }
        let statement = try db.prepare("SELECT bytes FROM text_dictionaries WHERE id = ?").bind(.integer(id))
        guard try statement.step() else { return nil }
        let found = TextDictionary(id: id, bytes: statement.blob(0))
        dictionaries[id] = found
        return found
    }
}
