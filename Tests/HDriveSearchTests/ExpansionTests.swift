import Foundation
import HDriveCore
import HDriveIndex
import HDriveSearch
import Testing

/// One index serves Dutch and English: inflections and Dutch compounds are found from the
/// vocabulary, without stemming at index time.
@Suite struct ExpansionTests {
    static let bodies = [
        "De waterschapsbegroting voor 2008 is vastgesteld.",           // 0
        "Het waterschap sloot het jaar af met een overschot.",         // 1
        "Aanschaf van een nieuw leermanagementsysteem.",               // 2
        "Leermanagement vraagt om heldere afspraken.",                 // 3
        "Het systeem was twee dagen niet bereikbaar.",                 // 4
        "Het rooster van de strandwacht is bijgewerkt.",               // 5
        "De begrotingen van alle afdelingen.",                         // 6
        "Department budgets were cut by five percent.",                // 7
        "Cellular responses were measured.",                           // 8
    ]

    func search(_ query: String) throws -> Set<Int> {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var batch = IndexBatch()
        for (number, body) in Self.bodies.enumerated() {
            batch.put(FileRecord(rootID: root.id, path: RawPath("\(number).txt"),
                                 stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: UInt64(number + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: .text, mimeType: nil, failure: nil),
                      IndexableDocument(name: "x", path: "", title: nil, body: body, author: nil, metadataJSON: nil))
        }
        try store.commit(batch)
        let hits = try Searcher().search(SearchRequest(query: query, limit: 20), in: IndexReader(directory: dir.path)).hits
        return Set(hits.compactMap { Int(URL(fileURLWithPath: $0.path).deletingPathExtension().lastPathComponent) })
    }

    /// A searcher keeps words' expansions between queries, but not past a commit: a compound
    /// indexed after the first search is found by the next.
    @Test func aCompoundIndexedAfterASearchIsFoundByTheNext() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        func commit(_ number: Int, _ body: String) throws {
            var batch = IndexBatch()
            batch.put(FileRecord(rootID: root.id, path: RawPath("\(number).txt"),
                                 stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: UInt64(number + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: .text, mimeType: nil, failure: nil),
                      IndexableDocument(name: "x", path: "", title: nil, body: body, author: nil, metadataJSON: nil))
            try store.commit(batch)
        }
        try commit(0, Self.bodies[6])
        let searcher = Searcher(), reader = try IndexReader(directory: dir.path)
        #expect(try searcher.search(SearchRequest(query: "begroting", limit: 20), in: reader).total == 1)
        #expect(try searcher.search(SearchRequest(query: "begroting", limit: 20), in: reader).total == 1)
        try commit(1, Self.bodies[0])
        #expect(try searcher.search(SearchRequest(query: "begroting", limit: 20), in: reader).total == 2)
    }

    @Test func aWordFindsTheCompoundsItIsTheHeadOf() throws {
        #expect(try search("begroting") == [0, 6])
    }

    @Test func aCompoundIsFoundByItsModifierAndByItsHead() throws {
        #expect(try search("leermanagement") == [2, 3])
        #expect(try search("systeem") == [2, 4])
    }

    @Test func aModifierWithALinkingSFindsTheCompound() throws {
        #expect(try search("waterschap") == [0, 1])
    }

    @Test func inflectionsMatchInBothLanguages() throws {
        #expect(try search("begrotingen").isSuperset(of: [0, 6]))
        #expect(try search("budget") == [7])
    }

    @Test func shortOrDerivedPartsAreNotCompounds() throws {
        #expect(try search("rand").isEmpty)
        #expect(try search("cell").isEmpty)
    }

    /// An English word that happens to start with another is no compound of it: "generally" is
    /// far commoner than "gene" and "rally" together allow, while a Dutch compound is rarer than
    /// its parts.
    @Test func aWordCommonerThanItsPartsIsNoCompound() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var batch = IndexBatch()
        var bodies = (0..<20).map { "the gene was generally expressed \($0)" }
        bodies += ["one gene only", "a rally", "de waterschapsbegroting", "het waterschap", "de begroting", "het waterschap en de begroting"]
        for (number, body) in bodies.enumerated() {
            batch.put(FileRecord(rootID: root.id, path: RawPath("\(number).txt"),
                                 stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: UInt64(number + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: .text, mimeType: nil, failure: nil),
                      IndexableDocument(name: "x", path: "", title: nil, body: body, author: nil, metadataJSON: nil))
        }
        try store.commit(batch)
        let searcher = Searcher()
        let reader = try IndexReader(directory: dir.path)
        let gene = try searcher.search(SearchRequest(query: "gene", limit: 50), in: reader)
        #expect(gene.hits.count == 21)
        // The snippets mark "gene", never "generally".
        #expect(gene.hits.allSatisfy { !$0.snippet.contains("<mark>generally</mark>") })
        let begroting = try searcher.search(SearchRequest(query: "begroting", limit: 50), in: reader)
        #expect(begroting.hits.count == 3)
    }

    @Test func anExactMatchOutranksACompound() throws {
        let dir = TemporaryDirectory()
        let store = try IndexStore(directory: dir.path)
        let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
        var batch = IndexBatch()
        for (number, body) in ["de gemeentebegroting", "de begroting"].enumerated() {
            batch.put(FileRecord(rootID: root.id, path: RawPath("\(number).txt"),
                                 stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: UInt64(number + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: .text, mimeType: nil, failure: nil),
                      IndexableDocument(name: "x", path: "", title: nil, body: body, author: nil, metadataJSON: nil))
        }
        try store.commit(batch)
        let hits = try Searcher().search(SearchRequest(query: "begroting"), in: IndexReader(directory: dir.path)).hits
        #expect(hits.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["1.txt", "0.txt"])
    }
}
