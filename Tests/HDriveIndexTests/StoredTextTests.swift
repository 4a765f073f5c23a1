import CZlib
import Foundation
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
        #expect(compact.first == 4)
        #expect(decoded(withDictionary, dictionaries: [dictionary]) == Self.prose)
        // Without its dictionary a body cannot be read, and says so by being nil, not garbage.
        #expect(decoded(withDictionary) == nil)
        // Nor with another dictionary under its id (the frame's checksum is of the text).
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

    /// A body as indexes written before zstd hold it: `2 | id | length | zlib stream` made with a
    /// preset dictionary.
    static func zlibBody(_ text: String, dictionary: TextDictionary) -> [UInt8] {
        var stream = z_stream()
        #expect(deflateInit_(&stream, 6, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        dictionary.bytes.withUnsafeBufferPointer { _ = deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count + 256)
        input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                _ = deflate(&stream, Z_FINISH)
            }
        }
        var header: [UInt8] = [2]
        VarInt.append(UInt64(dictionary.id), to: &header)
        VarInt.append(UInt64(input.count), to: &header)
        return header + output.prefix(Int(stream.total_out))
    }

    @Test func zlibBodiesOfOlderIndexesStillRead() {
        let legacy = TextDictionary(id: 3, bytes: TextDictionary.sample([Self.prose]), kind: .zlib)
        let body = Self.zlibBody(Self.prose, dictionary: legacy)
        #expect(StoredTextCodec.decode(body) { $0 == 3 ? legacy : nil } == Self.prose)
        #expect(StoredTextCodec.decode(body, prefix: 40) { $0 == 3 ? legacy : nil } == String(Self.prose.utf8.prefix(40))!)
        // A zlib body names a zlib dictionary: a zstd one under its id is not it.
        let zstd = TextDictionary(id: 3, bytes: legacy.bytes, kind: .zstd)
        #expect(StoredTextCodec.decode(body) { _ in zstd } == nil)
        // New bodies are never compressed with a zlib dictionary.
        guard case .blob(let bytes) = StoredTextCodec(dictionary: legacy).encode(Self.prose) else { Issue.record("not compressed"); return }
        #expect(bytes.first == 3)
    }

    @Test func anIndexWithZlibBodiesIsUpgradedAndKeepsThem() throws {
        let dir = TemporaryDirectory()
        let legacy = TextDictionary(id: 1, bytes: TextDictionary.sample([Self.prose]), kind: .zlib)
        do {
            let (store, root) = try storeWithRoot(in: dir)
            var batch = IndexBatch()
            batch.put(record(root, "oud.txt"), document("kort"))
            try store.commit(batch)
        }
        // Back to schema 7: a zlib dictionary and a body deflated against it.
        let hex = (Self.zlibBody(Self.prose, dictionary: legacy)).map { String(format: "%02X", $0) }.joined()
        let dictionaryHex = legacy.bytes.map { String(format: "%02X", $0) }.joined()
        try runSQLite(dir.path + "/hdrive.db", """
            DELETE FROM text_dictionaries; ALTER TABLE text_dictionaries DROP COLUMN kind;
            INSERT INTO text_dictionaries(id, bytes) VALUES (1, x'\(dictionaryHex)');
            UPDATE documents SET body = x'\(hex)' WHERE doc_id = 1; PRAGMA user_version = 7;
            """)
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        #expect(try store.integrityCheck().isEmpty)
        var batch = IndexBatch()
        let bodies = (0..<40).map { "Notulen \($0): " + Self.prose }
        for (i, body) in bodies.enumerated() { batch.put(record(root, "n\(i).txt", inode: UInt64(i + 2)), document(body)) }
        try store.commit(batch)
        #expect(try store.db.scalar("SELECT count(*) FROM text_dictionaries WHERE kind = 'zstd'") == 1)
        #expect(try store.db.scalar("SELECT count(*) FROM documents WHERE substr(body, 1, 1) = x'04'") == 40)
        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.read { try $0.storedDocument(1)?.body } == Self.prose)
        #expect(try reader.read { try $0.storedDocument(2)?.body } == bodies[0])
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func theDictionaryIsTrainedAndPays() throws {
        // Bodies of recurring sentences in varying order, as a share's minutes and reports are.
        var generator = SystemRandomNumberGenerator()
        let sentences = (0..<60).map { i in "Besluit \(i) van de vergadering over de begroting van afdeling \(i % 7): " + Self.prose.prefix(40 + i) }
        let bodies = (0..<300).map { _ in (0..<12).map { _ in sentences.randomElement(using: &generator)! }.joined(separator: " ") }
        let bytes = try #require(TextDictionary.make(from: bodies))
        // zstd's dictionary magic: trained, not the fallback sample.
        #expect(bytes.prefix(4) == [0x37, 0xA4, 0x30, 0xEC])
        #expect(bytes.count <= StoredTextCodec.dictionaryLength)
        func stored(_ dictionary: TextDictionary?) -> Int {
            let codec = StoredTextCodec(dictionary: dictionary)
            return bodies.reduce(0) { total, body in
                guard case .blob(let blob) = codec.encode(body) else { return total + body.utf8.count }
                #expect(StoredTextCodec.decode(blob) { _ in dictionary } == body)
                return total + blob.count
            }
        }
        #expect(stored(TextDictionary(id: 1, bytes: bytes)) * 3 < stored(nil) * 2)
        // Too little text to learn from gives no dictionary at all.
        #expect(TextDictionary.make(from: Array(bodies.prefix(2))) == nil)
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
        #expect(try store.db.scalar("SELECT count(*) FROM text_dictionaries WHERE kind = 'zstd'") == 1)
        // A zlib dictionary of an older index, even a newer row, is not used for new bodies.
        try store.db.execute("INSERT INTO text_dictionaries(bytes, kind) VALUES (x'00', 'zlib')")
        #expect(try StoredTexts(db: store.db).codec().dictionary?.kind == .zstd)
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
