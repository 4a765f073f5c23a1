import HDriveCore
import Testing
@testable import HDriveExtract

@Suite struct PlainTextDecoderTests {
    func decode(_ bytes: [UInt8]) throws(ExtractionFailure) -> PlainTextDecoder.Decoded {
        try PlainTextDecoder.decode(bytes)
    }

    @Test func utf8BOMIsDroppedAndNamed() throws {
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("café".utf8)) == .init(text: "café", encoding: "UTF-8"))
    }

    @Test func utf16LittleEndianWithBOM() throws {
        #expect(try decode([0xFF, 0xFE, 0x63, 0, 0xE9, 0]) == .init(text: "cé", encoding: "UTF-16LE"))
    }

    @Test func utf16BigEndianWithBOM() throws {
        #expect(try decode([0xFE, 0xFF, 0, 0x63, 0, 0xE9]) == .init(text: "cé", encoding: "UTF-16BE"))
    }

    @Test func utf16WithoutBOMIsRecognisedByItsZeroBytes() throws {
        let text = "Verslag van de vergadering"
        let little = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try decode(little) == .init(text: text, encoding: "UTF-16LE"))
        #expect(try decode(big) == .init(text: text, encoding: "UTF-16BE"))
    }

    @Test func validUTF8WithoutBOM() throws {
        #expect(try decode(Array("Één café".utf8)) == .init(text: "Één café", encoding: "UTF-8"))
    }

    @Test func invalidUTF8FallsBackToWindows1252() throws {
        #expect(try decode(Array("caf".utf8) + [0xE9]) == .init(text: "café", encoding: "windows-1252"))
        #expect(try decode([0x80, 0x20, 0x35]).text == "€ 5")
    }

    @Test func binaryJunkIsUnsupported() {
        let junk: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 0x9C, 0, 0xFF, 0x10, 0, 0, 0, 0x31, 0x32, 0, 7]
        #expect(throws: ExtractionFailure(.unsupported, "binary data (NUL bytes) in a text file")) {
            try PlainTextDecoder.decode(junk)
        }
    }

    @Test func controlByteJunkWithoutNULsIsUnsupported() {
        let junk: [UInt8] = (0..<400).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }.filter { $0 != 0 }
        #expect(throws: ExtractionFailure(.unsupported, "binary data (control bytes) in a text file")) {
            try PlainTextDecoder.decode(junk)
        }
    }

    @Test func utf32WithBOMIsDecoded() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0, 0] + "café".unicodeScalars.flatMap { scalar in
            (0..<4).map { UInt8(scalar.value >> (8 * $0) & 0xFF) }
        }
        #expect(try decode(bytes) == .init(text: "café", encoding: "UTF-32LE"))
    }

    @Test func russianInALegacyCodePageIsRecognised() throws {
        let text = "Осенью 1895 г. Альберт Эйнштейн прибыл в Швейцарию"
        let cp1251 = try #require(CharsetEncoderProbe.encode(text, "CP1251"))
        let koi8 = try #require(CharsetEncoderProbe.encode(text, "KOI8-R"))
        #expect(try decode(cp1251) == .init(text: text, encoding: "windows-1251"))
        #expect(try decode(koi8) == .init(text: text, encoding: "KOI8-R"))
    }

    @Test func configuredFallbackDecidesForOtherLegacyText() throws {
        // 0x82 is "é" in the DOS code page 850 and a low quotation mark in windows-1252.
        let bytes = Array("caf".utf8) + [0x82]
        #expect(try PlainTextDecoder.decode(bytes, fallback: "CP850") == .init(text: "café", encoding: "CP850"))
        #expect(try PlainTextDecoder.decode(bytes).encoding == "windows-1252")
    }
}
