import HDriveText

/// Records each new term with its Dutch and English stems and its reversal, so that a query
/// word can be expanded to the indexed words sharing its stem or forming a compound with it;
/// a term with a digit is recorded alone, for prefixes and suggestions.
struct VocabularyWriter {
    let db: SQLiteConnection
    let stemmers: Stemmers
    /// Terms already in the table, remembered across commits by the store.
    var known: KnownTerms?

    func add<S: Sequence>(_ terms: S) throws where S.Element == String {
        let exists = try db.prepare("SELECT 1 FROM terms WHERE term = ?")
        let insert = try db.prepare("INSERT INTO terms(term, stem_nl, stem_en, reversed, stem_nl_reversed) VALUES (?, ?, ?, ?, ?)")
        for term in terms {
            if known?.contains(term) == true { continue }
            exists.reset().bind(.text(term))
            let found = try exists.step()
            exists.reset()
            known?.insert(term)
            if found { continue }
            // Nor stems nor reversals for a term with a digit (schema 11): no index entries.
            if Self.hasDigit(term) {
                try insert.reset().bind(.text(term), nil, nil, nil, nil).run()
                continue
            }
            let dutch = stemmers.stem(term, in: .dutch) ?? term
            try insert.reset().bind(
                .text(term), .text(dutch), .text(stemmers.stem(term, in: .english) ?? term),
                .text(term.reversedScalars), .text(dutch.reversedScalars)).run()
        }
    }
}

extension VocabularyWriter {
    /// Whether `term` holds a digit 0-9, as SQLite's `GLOB '*[0-9]*'` says.
    static func hasDigit(_ term: String) -> Bool {
        term.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

extension String {
    /// The characters (Unicode scalars) in reverse order. Most terms are ASCII, whose bytes are
    /// reversed directly: building a scalar view was an eighth of writing a new term.
    var reversedScalars: String {
        var bytes = Array(utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(String.UnicodeScalarView(unicodeScalars.reversed())) }
        bytes.reverse()
        return String(decoding: bytes, as: UTF8.self)
    }
}
