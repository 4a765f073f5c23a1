import Dispatch
import Synchronization
import HDriveCore
import Testing
import HDriveExtract

/// One extractor serves every worker thread: libmagic behind its lock, libxml2 and zlib per call.
@Suite struct ConcurrencyTests {
    @Test func oneExtractorServesManyThreadsAtOnce() {
        let extractor = Extractor()
        let names = ["vergaderverslag.odt", "vergaderverslag.docx", "notities-utf8.txt", "notities-cp1252.txt"]
        let expected = names.map { extractor.extract(fileAt: Fixture.path($0)).document }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { round in
            let index = round % names.count
            if extractor.extract(fileAt: Fixture.path(names[index])).document != expected[index] {
                mismatches.withLock { $0 += 1 }
            }
        }
        #expect(expected.allSatisfy { $0 != nil })
        #expect(mismatches.withLock { $0 } == 0)
    }
}
