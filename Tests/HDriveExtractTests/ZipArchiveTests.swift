import HDriveCore
import Testing
@testable import HDriveExtract

@Suite struct ZipArchiveTests {
    let limits = InflateLimits(ExtractConfiguration())

    func open(_ zip: TestZip, maxEntries: Int = 100) throws(ExtractionFailure) -> ZipArchive {
        try ZipArchive(bytes: zip.bytes(), maxEntries: maxEntries)
    }

    func failure(_ body: () throws -> Void) -> ExtractionFailure? {
        do { try body() } catch { return error as? ExtractionFailure }
        return nil
    }

    @Test func goodArchiveGivesEveryEntryBack() throws {
        let zip = TestZip(entries: [TestZip.Entry("a.txt", "hello, deflated world"),
                                    TestZip.Entry("dir/b.txt", "stored text", deflated: false)],
                          comment: Array(repeating: 0x41, count: 3000))
        let archive = try open(zip)
        #expect(archive.entries.map(\.name) == ["a.txt", "dir/b.txt"])
        #expect(try archive.read(#require(archive.entry(named: "a.txt")), limits: limits) == Array("hello, deflated world".utf8))
        #expect(try archive.read(#require(archive.entry(named: "dir/b.txt")), limits: limits) == Array("stored text".utf8))
        #expect(archive.entry(named: "missing") == nil)
    }

    @Test func zip64RecordsAndExtraFieldsAreRead() throws {
        var zip = TestZip(entries: [TestZip.Entry("big.xml", "<x>zip64</x>")])
        zip.zip64 = true
        let archive = try open(zip)
        let entry = try #require(archive.entry(named: "big.xml"))
        #expect(entry.uncompressedSize == 12)
        #expect(try archive.read(entry, limits: limits) == Array("<x>zip64</x>".utf8))
    }

    @Test func truncatedArchiveIsCorrupt() {
        let bytes = TestZip(entries: [TestZip.Entry("a.txt", String(repeating: "x y ", count: 500))]).bytes()
        let error = failure { _ = try ZipArchive(bytes: Array(bytes.prefix(bytes.count / 2)), maxEntries: 10) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("no end of central directory") == true)
    }

    @Test func nonZipIsCorrupt() {
        let error = failure { _ = try ZipArchive(bytes: Array("just some text, no archive".utf8), maxEntries: 10) }
        #expect(error == ExtractionFailure(.corrupt, "not a ZIP archive: no end of central directory"))
    }

    @Test func encryptedEntryIsEncryptedNotCorrupt() throws {
        var entry = TestZip.Entry("word/document.xml", "secret")
        entry.flags = 0x0001
        let archive = try open(TestZip(entries: [entry]))
        let error = failure { _ = try archive.read(archive.entries[0], limits: limits) }
        #expect(error?.kind == .encrypted)
    }

    @Test func badCRCIsCorrupt() throws {
        var entry = TestZip.Entry("content.xml", "<p>text</p>")
        entry.crcOverride = 0xDEAD_BEEF
        let archive = try open(TestZip(entries: [entry]))
        let error = failure { _ = try archive.read(archive.entries[0], limits: limits) }
        #expect(error == ExtractionFailure(.corrupt, "bad CRC in entry \"content.xml\""))
    }

    @Test func dataDescriptorEntryIsRead() throws {
        var entry = TestZip.Entry("streamed.xml", "written by a streaming zipper")
        entry.dataDescriptor = true
        let archive = try open(TestZip(entries: [entry, TestZip.Entry("after.txt", "next")]))
        #expect(archive.entries[0].hasDataDescriptor)
        #expect(try archive.read(archive.entries[0], limits: limits) == Array("written by a streaming zipper".utf8))
        #expect(try archive.read(archive.entries[1], limits: limits) == Array("next".utf8))
    }

    @Test func highRatioEntryIsRefusedAsBomb() throws {
        let bomb = TestZip.deflate(repeating: [UInt8](repeating: 0, count: 1 << 20), times: 64)
        var entry = TestZip.Entry("content.xml", "")
        entry.precompressed = (bomb.bytes, 64 << 20, bomb.crc)
        let archive = try open(TestZip(entries: [entry]))
        let error = failure { _ = try archive.read(archive.entries[0], limits: limits) }
        #expect(error?.kind == .tooLarge)
        #expect(error?.message.contains("zip bomb") == true)
    }

    @Test func inflatedBytesAreCountedWhateverTheHeaderSays() throws {
        // The header claims 10 bytes; the cap must stop the real 8 MiB, ratio check off.
        let bomb = TestZip.deflate(repeating: [UInt8](repeating: 0x20, count: 1 << 20), times: 8)
        var entry = TestZip.Entry("document.xml", "")
        entry.precompressed = (bomb.bytes, 10, bomb.crc)
        var configuration = ExtractConfiguration()
        configuration.maxInflatedBytesPerEntry = 2 << 20
        configuration.maxCompressionRatio = .max
        let archive = try open(TestZip(entries: [entry]))
        let error = failure { _ = try archive.read(archive.entries[0], limits: InflateLimits(configuration)) }
        #expect(error?.kind == .tooLarge)
    }

    @Test func overlappingEntriesAreRejected() {
        var zip = TestZip(entries: [TestZip.Entry("a.xml", "shared data")])
        zip.overlapping = true
        let error = failure { _ = try open(zip) }
        #expect(error == ExtractionFailure(.corrupt, "ZIP entries overlap (suspected zip bomb)"))
    }

    @Test func tooManyEntriesAreRefused() {
        let zip = TestZip(entries: (0..<20).map { TestZip.Entry("f\($0)", "x") })
        let error = failure { _ = try open(zip, maxEntries: 10) }
        #expect(error?.kind == .tooLarge)
    }

    @Test func hostileNamesAreOnlyNames() throws {
        let archive = try open(TestZip(entries: [TestZip.Entry("../../etc/x", "a"), TestZip.Entry("C:\\x", "b")]))
        #expect(archive.entries.map(\.name) == ["../../etc/x", "C:\\x"])
    }
}
