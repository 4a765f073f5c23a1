import HDriveCore

/// Text rules of WordprocessingML: only `w:t` carries text (never `w:instrText` field codes
/// or `w:delText` deletions); tabs and breaks count only inside runs, since `w:tab` also
/// names tab stops in paragraph properties; `mc:Fallback` repeats what `mc:Choice` said.
/// A numbered paragraph starts with its label; a picture's alt text is a paragraph of its own.
struct WordprocessingHandler {
    private var numbering: WordNumbering
    private var inText = false
    private var runDepth = 0
    private var skipDepth = 0
    private var inNumbering = false
    private var numId: String?
    private var level = 0

    private static let drawingProperties = XMLName(OOXMLNames.wordDrawing, "docPr")
    private static let imageData = XMLName(OOXMLNames.vml, "imagedata")

    init(numbering: WordNumbering) {
        self.numbering = numbering
    }

    mutating func handle(_ event: XMLEvent, reader: XMLPartReader, into text: inout TextCollector) {
        switch event {
        case .start(let name):
            if skipDepth > 0 || name == OOXMLNames.fallback { skipDepth += 1; return }
            if name == WordprocessingHandler.drawingProperties {
                appendAltText(reader.attribute("descr", namespace: "") ?? reader.attribute("title", namespace: ""), into: &text)
            } else if name == WordprocessingHandler.imageData {
                appendAltText(reader.attribute("title", namespace: OOXMLNames.office), into: &text)  // pictures before 2010
            }
            guard OOXMLNames.isWord(name.namespace) else { return }
            switch name.local {
            case "t": inText = true
            case "r": runDepth += 1
            case "tab" where runDepth > 0: text.append("\t")
            case "br" where runDepth > 0, "cr" where runDepth > 0: text.append("\n")
            case "noBreakHyphen" where runDepth > 0: text.append("-")
            case "p": numId = nil
            case "numPr": inNumbering = true
            case "ilvl" where inNumbering: level = Int(reader.attribute("val", namespace: name.namespace) ?? "") ?? 0
            case "numId" where inNumbering: numId = reader.attribute("val", namespace: name.namespace)
            default: break
            }
        case .end(let name):
            if skipDepth > 0 { skipDepth -= 1; return }
            guard OOXMLNames.isWord(name.namespace) else { return }
            switch name.local {
            case "t": inText = false
            case "r": runDepth = max(runDepth - 1, 0)
            case "p", "tc": text.breakParagraph()
            case "numPr": inNumbering = false
            case "pPr":
                if let numId, numId != "0", let label = numbering.nextLabel(numId: numId, level: level) {
                    text.append(label + " ")
                }
                numId = nil
            default: break
            }
        case .text(let value):
            if inText && skipDepth == 0 { text.append(value) }
        }
    }

    /// What people type as a picture's description (or, failing that, its title).
    private func appendAltText(_ alt: String?, into text: inout TextCollector) {
        guard let alt, !alt.isEmpty else { return }
        text.breakParagraph()
        text.append(alt)
        text.breakParagraph()
    }
}
