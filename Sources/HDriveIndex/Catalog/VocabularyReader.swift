import HDriveText

/// Looks words up in the vocabulary: by prefix, by suffix (through the reversed column) and by
/// stem, with statements prepared once per reader.
struct VocabularyReader {
    let db: SQLiteConnection

    func terms(withPrefix prefix: String, limit: Int) throws -> [String] {
        try strings("SELECT term FROM terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
                    .text(prefix), .text(prefix + "\u{10FFFF}"), .int(limit))
    }

    func terms(withSuffix suffix: String, limit: Int) throws -> [String] {
        let reversed = suffix.reversedScalars
        return try strings("SELECT term FROM terms WHERE reversed >= ? AND reversed < ? ORDER BY reversed LIMIT ?",
                           .text(reversed), .text(reversed + "\u{10FFFF}"), .int(limit))
    }

    /// Terms whose Dutch stem ends with `stem`, with the part of the term before that stem.
    func terms(withDutchStemSuffix stem: String, limit: Int) throws -> [(term: String, modifier: String)] {
        let sql = "SELECT term, stem_nl FROM terms WHERE stem_nl_reversed >= ? AND stem_nl_reversed < ? ORDER BY stem_nl_reversed LIMIT ?"
        let statement = try db.cached(sql)
        let reversed = stem.reversedScalars
        statement.bind(.text(reversed), .text(reversed + "\u{10FFFF}"), .int(limit))
        var result: [(String, String)] = []
        while try statement.step() {
            guard let term = statement.text(0), let termStem = statement.text(1) else { continue }
            let modifierLength = termStem.unicodeScalars.count - stem.unicodeScalars.count
            guard modifierLength > 0 else { continue }
            result.append((term, String(String.UnicodeScalarView(term.unicodeScalars.prefix(modifierLength)))))
        }
        statement.reset()
        return result
    }

    func terms(withStem stem: String, in language: StemmingLanguage, limit: Int) throws -> [String] {
        let column = language == .dutch ? "stem_nl" : "stem_en"
        return try strings("SELECT term FROM terms WHERE \(column) = ? ORDER BY term LIMIT ?", .text(stem), .int(limit))
    }

    func contains(_ term: String) throws -> Bool {
        try !strings("SELECT term FROM terms WHERE term = ?", .text(term)).isEmpty
    }

    private func strings(_ sql: String, _ values: SQLiteValue?...) throws -> [String] {
        let statement = try db.cached(sql)
        for (offset, value) in values.enumerated() { statement.bind(value, at: Int32(offset + 1)) }
        var result: [String] = []
        while try statement.step() { if let text = statement.text(0) { result.append(text) } }
        statement.reset()
        return result
    }
}
