import HDriveCore
@testable import HDriveIndex
import Testing

@Suite struct VocabularyTests {
    @Test func termsOfARolledBackCommitAreWrittenByTheNextOne() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithFile("gewoon", in: dir)
        // Fail the transaction after the vocabulary is written (the next document id comes after it).
        try store.db.execute("""
            CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON meta BEGIN SELECT RAISE(ABORT, 'injected'); END;
            CREATE TEMP TRIGGER fail_update BEFORE UPDATE ON meta BEGIN SELECT RAISE(ABORT, 'injected'); END;
            """)
        var failing = IndexBatch()
        failing.put(record(root, "b.txt", inode: 2), document("zeldzaamwoord"))
        #expect(throws: IndexError.self) { try store.commit(failing) }
        try store.db.execute("DROP TRIGGER fail_insert; DROP TRIGGER fail_update")
        #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term = 'zeldzaamwoord'") == 0)

        try store.commit(failing)
        #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term = 'zeldzaamwoord'") == 1)
        #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term = 'gewoon'") == 1)
    }

    @Test func termsReverseByCharacter() {
        #expect("begroting".reversedScalars == "gnitorgeb")
        #expect("café".reversedScalars == "éfac")
        #expect("日本語2008".reversedScalars == "8002語本日")
        #expect("".reversedScalars == "")
    }

    /// A term with a digit is recorded for prefixes alone, also when an index written before
    /// schema 11 is upgraded; other terms keep their stems and reversals.
    @Test func termsWithADigitHaveNoStemsAndAnUpgradeDropsTheirs() throws {
        let dir = TemporaryDirectory()
        do {
            let (store, root) = try storeWithRoot(in: dir)
            var batch = IndexBatch()
            batch.put(record(root, "notulen 2008.txt"), document("begrotingen bz-2008-117 covid19 waterschapsbegroting"))
            try store.commit(batch)
            let plain = try store.db.prepare("SELECT stem_nl, stem_en, reversed, stem_nl_reversed FROM terms WHERE term = 'begrotingen'")
            #expect(try plain.step() && !plain.isNull(0) && !plain.isNull(1) && plain.text(2) == "negnitorgeb" && !plain.isNull(3))
            #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term GLOB '*[0-9]*'") ?? 0 >= 3)
            #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term GLOB '*[0-9]*' AND stem_nl IS NOT NULL") == 0)
        }
        // Back to schema 10: every term with stems and reversals, the columns NOT NULL.
        try runSQLite(dir.path + "/hdrive.db", """
            CREATE TABLE old(term TEXT PRIMARY KEY, stem_nl TEXT NOT NULL, stem_en TEXT NOT NULL, reversed TEXT NOT NULL,
                             stem_nl_reversed TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO old SELECT term, coalesce(stem_nl, term), coalesce(stem_en, term), coalesce(reversed, term),
                                   coalesce(stem_nl_reversed, term) FROM terms;
            DROP TABLE terms; ALTER TABLE old RENAME TO terms;
            CREATE INDEX terms_by_stem_nl ON terms(stem_nl); CREATE INDEX terms_by_stem_en ON terms(stem_en);
            CREATE INDEX terms_by_reversed ON terms(reversed); CREATE INDEX terms_by_stem_nl_reversed ON terms(stem_nl_reversed);
            PRAGMA user_version = 10;
            """)
        let store = try IndexStore(directory: dir.path)
        #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term GLOB '*[0-9]*' AND reversed IS NOT NULL") == 0)
        #expect(try store.db.scalar("SELECT count(*) FROM terms WHERE term = '2008'") == 1)
        #expect(try store.integrityCheck().isEmpty)
        let reader = try IndexReader(directory: dir.path)
        let found = try reader.read { snapshot in
            (try snapshot.terms(withPrefix: "covid", limit: 10), try snapshot.terms(withSuffix: "begroting", limit: 10),
             try snapshot.terms(withStem: "begrot", in: .dutch, limit: 10), try snapshot.terms(withSuffix: "8", limit: 10))
        }
        #expect(found.0 == ["covid19"])
        #expect(found.1 == ["waterschapsbegroting"])
        #expect(found.2.contains("begrotingen"))
        #expect(found.3.isEmpty)
    }
}
