import HDriveCore
@testable import HDriveIndex
import Testing

@Suite struct StoredTextTests {
    static let prose = String(repeating: "De kantinebegroting voor 2008 is vastgesteld door de ondernemingsraad. Café à la carte. ", count: 20)

    func decoded(_ value: SQLiteValue, dictionaries: [TextDictionary] = []) -> String? {
        switch value {
        case .text(let text): text
        case .blob(let bytes): StoredTextCodec.decode(bytes) { id in dictionaries.first { $0.id == id } }
        default: nil
        }
    }

    @Test func shortTextStaysText() {
        guard case .text("kort") = StoredTextCodec(dictionary: nil).encode("kort") else {
            Issue.record("short text was compressed")
            return
        }
    }

    @Test func longTextRoundTripsWithAndWithoutDictionary() throws {
        let plain = StoredTextCodec(dictionary: nil).encode(Self.prose)
        guard case .blob(let bytes) = plain else { Issue.record("not compressed"); return }
        #expect(bytes.count < Self.prose.utf8.count / 4)
        #expect(decoded(plain) == Self.prose)

        let dictionary = TextDictionary(id: 7, bytes: TextDictionary.sample([Self.prose, "ondernemingsraad vastgesteld " + Self.prose]))
        let withDictionary = StoredTextCodec(dictionary: dictionary).encode(Self.prose)
        guard case .blob(let compact) = withDictionary else { Issue.record("not compressed"); return }
        #expect(compact.first == 2)
        #expect(decoded(withDictionary, dictionaries: [dictionary]) == Self.prose)
        // Without its dictionary a body cannot be read, and says so by being nil, not garbage.
        #expect(decoded(withDictionary) == nil)
        // Nor with another dictionary under its id (the header names the dictionary's checksum).
        let impostor = TextDictionary(id: 7, bytes: TextDictionary.sample(["iets heel anders " + Self.prose]))
        #expect(decoded(withDictionary, dictionaries: [impostor]) == nil)
    }

    @Test func aPrefixIsInflatedWithoutTheRest() throws {
        let dictionary = TextDictionary(id: 1, bytes: TextDictionary.sample([Self.prose]))
        for codec in [StoredTextCodec(dictionary: nil), StoredTextCodec(dictionary: dictionary)] {
            guard case .blob(let bytes) = codec.encode(Self.prose) else { Issue.record("not compressed"); return }
            for prefix in [1, 75, 76, 77, 500, Self.prose.utf8.count - 1, Self.prose.utf8.count, 1 << 20] {
                let decoded = StoredTextCodec.decode(bytes, prefix: prefix) { _ in dictionary }
                #expect(decoded == String(decoding: Self.prose.utf8.prefix(prefix), as: UTF8.self), "prefix \(prefix)")
            }
        }
    }

    @Test func corruptBlobsDecodeToNil() {
        guard case .blob(var bytes) = StoredTextCodec(dictionary: nil).encode(Self.prose) else { return }
        #expect(StoredTextCodec.decode([9, 1, 2]) { _ in nil } == nil)
        #expect(StoredTextCodec.decode([1]) { _ in nil } == nil)
        bytes[bytes.count / 2] ^= 0xFF
        #expect(StoredTextCodec.decode(bytes) { _ in nil } == nil)
        #expect(StoredTextCodec.decode(Array(bytes.prefix(10))) { _ in nil } == nil)
    }

    @Test func theIndexStoresBodiesDeflatedAgainstItsOwnDictionary() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var batch = IndexBatch()
        let bodies = (0..<200).map { "Notulen \($0): " + Self.prose }
        for (i, body) in bodies.enumerated() { batch.put(record(root, "n\(i).txt", inode: UInt64(i + 1)), document(body)) }
        try store.commit(batch)
        let reader = try IndexReader(directory: dir.path)
        let stored = try reader.read { snapshot in try (1...200).compactMap { try snapshot.storedDocument(Int64($0))?.body } }
        #expect(stored == bodies)
        #expect(try store.storedContent(fileID: 5)?.body == bodies[4])
        #expect(try store.db.scalar("SELECT count(*) FROM documents WHERE typeof(body) = 'blob'") == 200)
        #expect(try store.db.scalar("SELECT count(*) FROM text_dictionaries") == 1)
        let storedBytes = try store.db.scalar("SELECT sum(length(body)) FROM documents") ?? 0
        #expect(storedBytes * 10 < Int64(bodies.reduce(0) { $0 + $1.utf8.count }))
    }

    @Test func theIntegrityCheckNamesBodiesThatCannotBeRead() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        var batch = IndexBatch()
        batch.put(record(root, "a.txt"), document(Self.prose))
        batch.put(record(root, "b.txt", inode: 2), document(Self.prose + " b"))
        try store.commit(batch)
        #expect(try store.integrityCheck().isEmpty)
        // Flip a byte inside the deflated stream of document 2.
        try store.db.execute("UPDATE documents SET body = CAST(substr(body, 1, 20) || x'FF' || substr(body, 22) AS BLOB) WHERE doc_id = 2")
        #expect(try store.integrityCheck() == ["1 stored bodies cannot be read (documents 2)"])
    }
}
