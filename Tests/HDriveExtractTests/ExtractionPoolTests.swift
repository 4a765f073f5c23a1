import HDriveCore
import Testing
import HDriveExtract
import Foundation
import Synchronization

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

    @Test func noMoreThanThePoolsThreadsRunAtOnce() async {
        let pool = ExtractionPool(extractor: Extractor(), threads: 2)
        defer { pool.shutdown() }
        let counts = Concurrency()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await pool.run { _ in
                        counts.state.withLock { $0.running += 1; $0.most = max($0.most, $0.running) }
                        usleep(20_000)  // long enough for the others to pile up behind
                        counts.state.withLock { $0.running -= 1 }
                    }
                }
            }
        }
        #expect(counts.state.withLock { $0.most } == 2)
    }
}

/// How many jobs run at once, and the most that ever did.
private final class Concurrency: Sendable {
    let state = Mutex((running: 0, most: 0))
}
