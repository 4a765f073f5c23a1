import HDriveCore
@testable import HDriveIndex
import Testing

/// Documents prepared off the store's lock must index exactly as documents analyzed in the commit.
@Suite struct PreparedDocumentTests {
    static let prose = "De kantinebegroting voor 2008 is vastgesteld door de ondernemingsraad. Café à la carte. "

    /// Two batches of files, the second with an archive member, in one store.
    func files(_ root: RootRecord, batch: Int) -> [(FileRecord, IndexableDocument)] {
        (0..<40).map { n in
            let i = batch * 100 + n
            var doc = document("Notulen \(i) begroting \(i % 7): " + String(repeating: Self.prose, count: 5 + n % 5),
                               name: "notulen \(i).txt", title: n % 3 == 0 ? "Begroting \(i)" : nil)
            if n % 10 == 0 {
                doc.members = [IndexableMember(path: "bijlage/\(i).txt", type: .text, failureKind: nil,
                                               document: document("Bijlage begroting " + Self.prose, name: "\(i).txt"))]
            }
            return (record(root, "n\(i).txt", inode: UInt64(i + 1)), doc)
        }
    }

    func build(prepared: Bool) throws -> (TemporaryDirectory, IndexStore) {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        for number in 0..<2 {
            // The first batch has no dictionary to deflate against yet; the second has.
            let preparer = try store.preparer()
            var batch = IndexBatch()
            for (index, (file, document)) in files(root, batch: number).enumerated() {
                // The first batch mixes in one document left to the commit: then the commit analyzes them all.
                let leftToCommit = number == 0 && index == 30
                if prepared && !leftToCommit { batch.put(file, preparer.prepare(document)) } else { batch.put(file, document) }
            }
            if prepared && number == 1 { batch.sealSegment() }
            #expect((batch.segment != nil) == (prepared && number == 1))
            try store.commit(batch)
        }
        return (dir, store)
    }

    func rows(_ store: IndexStore, _ sql: String) throws -> [String] {
        let statement = try store.db.prepare(sql)
        var rows: [String] = []
        while try statement.step() { rows.append(statement.text(0) ?? "") }
        return rows
    }

    @Test func preparedDocumentsAreIndexedAndStoredExactlyAsDocumentsAnalyzedInTheCommit() throws {
        let (_, inCommit) = try build(prepared: false)
        let (_, ahead) = try build(prepared: true)
        for sql in ["SELECT term || ' ' || segment_id || ' ' || doc_freq || ' ' || hex(data) FROM postings ORDER BY term, segment_id",
                    "SELECT id || ' ' || base_doc || ' ' || doc_count || ' ' || hex(norms) FROM segments ORDER BY id",
                    "SELECT doc_id || ' ' || file_id || ' ' || hex(body) || ' ' || ifnull(member, '') FROM documents ORDER BY doc_id",
                    "SELECT field || ' ' || total_length FROM field_stats ORDER BY field"] {
            let expected = try rows(inCommit, sql)
            #expect(!expected.isEmpty)
            #expect(try rows(ahead, sql) == expected, "\(sql)")
        }
        #expect(try ahead.db.scalar("SELECT count(*) FROM documents WHERE typeof(body) = 'blob' AND substr(body, 1, 1) = x'04'") ?? 0 > 40)
    }

    @Test func aBodyDeflatedAgainstAnotherDictionaryIsEncodedAgainInTheCommit() throws {
        let dir = TemporaryDirectory()
        let (store, root) = try storeWithRoot(in: dir)
        let stranger = TextDictionary(id: 1, bytes: TextDictionary.sample([String(repeating: "unrelated words ", count: 3000)]))
        let preparer = DocumentPreparer(analyzer: store.analyzer, codec: StoredTextCodec(dictionary: stranger))
        var batch = IndexBatch()
        let body = String(repeating: Self.prose, count: 400)
        batch.put(record(root, "a.txt"), preparer.prepare(document(body)))
        try store.commit(batch)
        let reader = try IndexReader(directory: dir.path)
        #expect(try reader.read { try $0.storedDocument(1)?.body } == body)
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func analysisGroupsEachTermsPositionsByField() {
        var doc = document("a b a c a", name: "a.txt", title: "c a")
        doc.fields[.author] = "b"
        let analyzed = AnalyzedDocument(doc, analyzer: .init())
        var seen: [String: (FieldFrequencies, [UInt32])] = [:]
        analyzed.forEachTerm { term, hash, frequencies, positions in
            #expect(hash == TermTable.hash(term))
            seen[term] = (frequencies, Array(positions))
        }
        #expect(seen["a"]?.1 == [0, 1, 0, 2, 4])  // name "a txt", title "c a", body "a b a c a"
        #expect(seen["a"]?.0[IndexField.name.rawValue] == 1)
        #expect(seen["a"]?.0[IndexField.title.rawValue] == 1)
        #expect(seen["a"]?.0[IndexField.body.rawValue] == 3)
        #expect(seen["b"]?.1 == [1, 0])
        #expect(analyzed.fieldLengths[IndexField.body.rawValue] == 5)
        #expect(analyzed.fieldLengths[IndexField.path.rawValue] == 0)
    }
}
