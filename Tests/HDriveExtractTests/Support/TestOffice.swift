/// Minimal OOXML packages written in test code: just the parts the extractors read.
enum TestOffice {
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// A relationships part; each entry is (id, kind, target).
    static func relationships(_ entries: [(String, String, String)]) -> String {
        let items = entries.map { "<Relationship Id=\"\($0.0)\" Type=\"\(relationshipType)\($0.1)\" Target=\"\($0.2)\"/>" }
        return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + items.joined() + "</Relationships>"
    }

    static let spreadsheetNamespaces = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    /// Two sheets, listed in the workbook in the opposite order of their part names.
    static func workbook() -> [UInt8] {
        TestZip(entries: [
            TestZip.Entry("[Content_Types].xml", "<Types/>"),
            TestZip.Entry("xl/workbook.xml", "<workbook \(spreadsheetNamespaces)><sheets>"
                          + "<sheet name=\"Begroting\" sheetId=\"2\" r:id=\"rId2\"/>"
                          + "<sheet name=\"Toelichting\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            TestZip.Entry("xl/_rels/workbook.xml.rels", relationships([
                ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "worksheet", "worksheets/sheet2.xml"),
                ("rId3", "sharedStrings", "sharedStrings.xml")])),
            TestZip.Entry("xl/sharedStrings.xml", "<sst \(spreadsheetNamespaces)><si><t>Post</t></si>"
                          + "<si><r><t>Onderhoud </t></r><r><t>gemalen</t></r><rPh><t>ふりがな</t></rPh></si></sst>"),
            TestZip.Entry("xl/worksheets/sheet2.xml", "<worksheet \(spreadsheetNamespaces)><sheetData>"
                          + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>Bedrag</t></is></c></row>"
                          + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>40000</v></c>"
                          + "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"str\"><f>A1</f><v>Post</v></c></row>"
                          + "</sheetData></worksheet>"),
            TestZip.Entry("xl/worksheets/sheet1.xml", "<worksheet \(spreadsheetNamespaces)><sheetData>"
                          + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Zie blad Begroting</t></is></c></row>"
                          + "</sheetData></worksheet>"),
        ]).bytes()
    }

    static let presentationNamespaces = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
        + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    static func shape(_ placeholder: String?, _ paragraphs: [String]) -> String {
        let ph = placeholder.map { "<p:nvSpPr><p:nvPr><p:ph type=\"\($0)\"/></p:nvPr></p:nvSpPr>" } ?? ""
        return "<p:sp>\(ph)<p:txBody>" + paragraphs.map { "<a:p><a:r><a:t>\($0)</a:t></a:r></a:p>" }.joined()
            + "</p:txBody></p:sp>"
    }

    static func slide(_ shapes: String, root: String = "sld") -> String {
        "<p:\(root) \(presentationNamespaces)><p:cSld><p:spTree>\(shapes)</p:spTree></p:cSld></p:\(root)>"
    }

    /// Two slides listed in the opposite order of their part names, a note and a master.
    static func presentation() -> [UInt8] {
        TestZip(entries: [
            TestZip.Entry("[Content_Types].xml", "<Types/>"),
            TestZip.Entry("ppt/presentation.xml", "<p:presentation \(presentationNamespaces)><p:sldIdLst>"
                          + "<p:sldId id=\"256\" r:id=\"rId3\"/><p:sldId id=\"257\" r:id=\"rId2\"/>"
                          + "</p:sldIdLst></p:presentation>"),
            TestZip.Entry("ppt/_rels/presentation.xml.rels", relationships([
                ("rId1", "slideMaster", "slideMasters/slideMaster1.xml"), ("rId2", "slide", "slides/slide1.xml"),
                ("rId3", "slide", "slides/slide2.xml")])),
            TestZip.Entry("ppt/slides/slide2.xml", slide(shape("title", ["Jaarplan 2009"]) + shape(nil, ["Eerste dia"]))),
            TestZip.Entry("ppt/slides/slide1.xml", slide(shape("body", ["Tweede dia"]))),
            TestZip.Entry("ppt/slides/_rels/slide1.xml.rels", relationships([
                ("rId1", "notesSlide", "../notesSlides/notesSlide1.xml")])),
            TestZip.Entry("ppt/notesSlides/notesSlide1.xml",
                          slide(shape("body", ["Spreeknotitie"]) + shape("sldNum", ["2"]), root: "notes")),
            TestZip.Entry("ppt/slideMasters/slideMaster1.xml",
                          slide(shape("title", ["Klik om de titel te bewerken"]) + shape("ftr", ["Waterschap Oost"]),
                                root: "sldMaster")),
        ]).bytes()
    }
}
