import HDriveCore
@testable import HDriveIndex
import Testing

@Suite struct VocabularyTests {
    @Test func termsOfARolledBackCommitAreWrittenByTheNextOne() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var first = IndexBatch()
        first.put(record(root, "a.txt"), document("gewoon"))
        try store.commit(first)
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
}
