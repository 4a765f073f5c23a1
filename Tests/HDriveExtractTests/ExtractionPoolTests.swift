import HDriveCore
import Testing
import HDriveExtract
import Foundation

/// Async callers get extractions run on the pool's own threads.
@Suite struct ExtractionPoolTests {
    @Test func manyCallersGetTheirOwnResults() async {
        let pool = ExtractionPool(extractor: Extractor(), threads: 2)
        defer { pool.shutdown() }
        let names = ["vergaderverslag.odt", "vergaderverslag.docx", "notities-utf8.txt", "notities-cp1252.txt"]
        let expected = names.map { Extractor().extract(fileAt: Fixture.path($0)).document }
        let results = await withTaskGroup(of: (Int, ExtractedDocument?).self) { group in
            for round in 0..<24 {
                group.addTask { (round, await pool.extract(fileAt: Fixture.path(names[round % names.count])).document) }
            }
            return await group.reduce(into: [(Int, ExtractedDocument?)]()) { $0.append($1) }
        }
        #expect(results.count == 24)
        #expect(results.allSatisfy { $0.1 != nil && $0.1 == expected[$0.0 % names.count] })
    }

    @Test func workRunsOnThePoolsThreads() async {
        let pool = ExtractionPool(extractor: Extractor(), threads: 1)
        defer { pool.shutdown() }
        let name = await pool.run { _ in Thread.current.name ?? "" }
        #expect(name == "extract-0")
    }
}
