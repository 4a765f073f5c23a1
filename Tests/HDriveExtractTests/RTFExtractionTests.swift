import HDriveCore
import Testing
import HDriveExtract

/// RTF: text in the right code page, Unicode escapes, and nothing from tables of fonts,
/// pictures or field codes.
@Suite struct RTFExtractionTests {
    let extractor = Extractor()

    func body(_ rtf: String) throws -> String {
        try #require(extractor.extract(bytes: Array(rtf.utf8), name: "a.rtf").document).body
    }

    @Test func codePageBytesAreDecodedInTheDocumentsCodePage() throws {
        #expect(try body(#"{\rtf1\ansi\ansicpg1250 za\'bf\'f3\'b3\'e6 g\'ea\'9cl\'b9}"#) == "zażółć gęślą")
    }

    @Test func fontCharsetDecidesForDoubleByteText() throws {
        let rtf = #"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fnil\fcharset128 MS Mincho;}}\f0 \'82\'b1\'82\'f1\'82\'c9\'82\'bf\'82\'cd}"#
        #expect(try body(rtf) == "こんにちは")
    }

    @Test func unicodeEscapesSkipTheirFallback() throws {
        #expect(try body(#"{\rtf1\uc1 caf\u233?s \u-10240?\u-8398?}"#) == "cafés 𐌲")
    }

    @Test func tablesPicturesAndFieldCodesAreSkipped() throws {
        let rtf = #"{\rtf1{\fonttbl{\f0 Arial;}}{\colortbl;\red0;}{\*\generator Writer;}"#
            + #"{\pict\pngblip 89504e47}Zie {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt de site}}\par "#
            + #"Post\cell Bedrag\cell\row}"#
        #expect(try body(rtf) == "Zie de site\nPost\tBedrag")
    }

    @Test func infoGivesTitleAuthorAndDates() throws {
        let rtf = #"{\rtf1{\info{\title Jaarplan}{\author Marieke}{\creatim\yr2008\mo3\dy12\hr14\min30}}Tekst}"#
        let document = try #require(extractor.extract(bytes: Array(rtf.utf8), name: "a.rtf").document)
        #expect(document.type == .rtf)
        #expect(document.title == "Jaarplan")
        #expect(document.metadata.author == "Marieke")
        #expect(document.metadata.created == "2008-03-12T14:30:00")
        #expect(document.body == "Tekst")
    }

    @Test func deeplyNestedGroupsAreRefused() {
        let rtf = "{\\rtf1" + String(repeating: "{", count: 20_000) + "x"
        #expect(extractor.extract(bytes: Array(rtf.utf8), name: "a.rtf").failure?.kind == .corrupt)
    }
}
