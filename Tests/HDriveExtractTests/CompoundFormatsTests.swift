import HDriveCore
import Testing
@testable import HDriveExtract

/// Formats inside compound files, read in-process: PowerPoint 97-2003 and Outlook messages.
@Suite struct CompoundFormatsTests {
    let extractor = Extractor()

    /// A PowerPoint record: version/instance, type, length, body.
    func record(_ type: UInt16, _ body: [UInt8], container: Bool = false) -> [UInt8] {
        let header: UInt16 = container ? 0x000F : 0
        return [UInt8(header & 0xFF), UInt8(header >> 8), UInt8(type & 0xFF), UInt8(type >> 8)]
            + (0..<4).map { UInt8(body.count >> (8 * $0) & 0xFF) } + body
    }

    @Test func compoundFileStreamsAreFoundByPathWhateverTheirCase() throws {
        let file = try CompoundFile(bytes: TestCompound(streams: [("WordDocument", [1, 2, 3]),
                                                                  ("store/inner", Array(repeating: 7, count: 1500))]).bytes())
        #expect(try file.read("worddocument") == [1, 2, 3])
        #expect(try file.read("store/inner") == Array(repeating: 7, count: 1500))
        #expect(try file.read("missing") == nil)
    }

    @Test func presentationGivesTextFromEveryAtom() throws {
        let slide = record(0x03EE, record(0x0FA0, "Jaarplan\r2009".utf16LE) + record(0x0FA8, Array("caf\u{E9}".utf8.dropLast(2)) + [0xE9]),
                           container: true)
        let stream = record(0x03E8, slide + record(0x0FBA, "___PPT10".utf16LE) + record(0x0FBA, "Standaardontwerp".utf16LE),
                            container: true)
        let ppt = TestCompound(streams: [("PowerPoint Document", stream)]).bytes()
        let document = try #require(extractor.extract(bytes: ppt, name: "jaarplan.ppt").document)
        #expect(document.type == .ppt)
        #expect(document.body == "Jaarplan\n2009\ncafé\nStandaardontwerp")
        #expect(document.metadata.pageCount == 1)
    }

    @Test func recordRunningPastTheStreamKeepsWhatCameBefore() throws {
        let stream = record(0x0FA0, "Eerste".utf16LE) + [0, 0, 0xA0, 0x0F, 0xFF, 0xFF, 0, 0]
        let ppt = TestCompound(streams: [("PowerPoint Document", stream)]).bytes()
        let document = try #require(extractor.extract(bytes: ppt, name: "a.ppt").document)
        #expect(document.body == "Eerste")
        #expect(document.problem?.kind == .partial)
    }

    @Test func outlookMessageGivesHeadersBodyAndAttachments() throws {
        let msg = TestCompound(streams: [
            ("__properties_version1.0", [UInt8](repeating: 0, count: 32)),
            ("__substg1.0_0037001F", "Begroting 2009".utf16LE),
            ("__substg1.0_0C1A001F", "Marieke de Vries".utf16LE),
            ("__substg1.0_5D01001F", "marieke@example.org".utf16LE),
            ("__substg1.0_0E04001F", "Jan Bakker".utf16LE),
            ("__substg1.0_1000001F", "Zie de bijlage.\r\nGroet".utf16LE),
            ("__attach_version1.0_#00000000/__substg1.0_3707001F", "notitie.txt".utf16LE),
            ("__attach_version1.0_#00000000/__substg1.0_37010102", Array("Bedrag: 40.000 euro".utf8)),
        ]).bytes()
        let document = try #require(extractor.extract(bytes: msg, name: "mail.msg").document)
        #expect(document.type == .msg)
        #expect(document.title == "Begroting 2009")
        #expect(document.metadata.author == "Marieke de Vries <marieke@example.org>")
        #expect(document.metadata.recipients == "Jan Bakker")
        #expect(document.body == "From: Marieke de Vries <marieke@example.org>\nTo: Jan Bakker\nSubject: Begroting 2009\n"
                + "Zie de bijlage.\nGroet")
        #expect(document.members.map(\.path) == ["notitie.txt"])
        #expect(document.members.first?.document?.body == "Bedrag: 40.000 euro")
    }

    @Test func compressedRTFBodyIsDecompressedAndRead() throws {
        // MS-OXRTFCP's own example: "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n".
        let compressed: [UInt8] = [0x2D, 0, 0, 0, 0x2B, 0, 0, 0, 0x4C, 0x5A, 0x46, 0x75, 0xF1, 0xC5, 0xC7, 0xA7,
                                   0x03, 0x00, 0x0A, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0A,
                                   0xF3, 0x20, 0x68, 0x65, 0x6C, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xB0, 0x6C, 0x64,
                                   0x7D, 0x0A, 0x80, 0x0F, 0xA0]
        let rtf = try CompressedRTF.decompress(compressed, limit: 1000)
        #expect(String(decoding: rtf, as: UTF8.self) == "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n")
    }

    @Test func encryptedWordDocumentIsEncryptedBeforeAnyHelperRuns() {
        var fib = [UInt8](repeating: 0, count: 64)
        fib[0] = 0xEC; fib[1] = 0xA5; fib[0x0B] = 0x01  // wIdent, fEncrypted
        let doc = TestCompound(streams: [("WordDocument", fib)]).bytes()
        #expect(extractor.extract(bytes: doc, name: "a.doc").failure == ExtractionFailure(.encrypted, "Word document is password-protected"))
    }

    /// A Word 97 file reduced to what the piece table needs: the FIB's CLX location, one
    /// piece of cp1252 text at offset 512, the CLX in the 1Table stream.
    static func wordDocument(_ text: [UInt8]) -> [UInt8] {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
        let clx = [0x02] + le32(4 * 2 + 8) + le32(0) + le32(text.count) + le16(0) + le32(512 * 2 | 0x4000_0000) + le16(0)
        var fib = [0xEC, 0xA5] + le16(0xC1) + [UInt8](repeating: 0, count: 6) + le16(0x0200)
        fib += [UInt8](repeating: 0, count: 32 - fib.count) + le16(0) + le16(0) + le16(34)
        fib += [UInt8](repeating: 0, count: 33 * 8) + le32(0) + le32(clx.count)
        fib += [UInt8](repeating: 0, count: 512 - fib.count) + text
        return TestCompound(streams: [("WordDocument", fib), ("1Table", clx)]).bytes()
    }

    @Test func word6TextIsReadFromItsSingleRun() throws {
        // Word 6/95: wIdent 0xA5DC, nFib 101, the text between fcMin and fcMac (cp1252).
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
        let text = Array("Notulen\rDe dijkgraaf opent de vergadering in Zwolle.\r".utf8) + [0xE9]
        var fib: [UInt8] = [0xDC, 0xA5, 0x65, 0x00] + [UInt8](repeating: 0, count: 0x14)
        fib += le32(0x300) + le32(0x300 + text.count)
        fib += [UInt8](repeating: 0, count: 0x300 - fib.count) + text
        let doc = TestCompound(streams: [("WordDocument", fib)]).bytes()
        let document = try #require(extractor.extract(bytes: doc, name: "notulen.doc").document)
        #expect(document.body == "Notulen\nDe dijkgraaf opent de vergadering in Zwolle.\né")
    }

    @Test func wordPieceTableIsReadWhenAntiwordCannot() throws {
        let text = Array("Begroting\r\u{13} HYPERLINK \"http://x\" \u{14}de site\u{15} caf".utf8) + [0xE9, 0x07]
        let document = try #require(extractor.extract(bytes: Self.wordDocument(text), name: "begroting.doc").document)
        #expect(document.type == .doc)
        #expect(document.body == "Begroting\nde site café")
    }
}
