import HDriveCore

/// Text in DrawingML, the shape language of every OOXML format: slides, notes, text boxes
/// and shapes in sheets, SmartArt data, charts. `a:t` runs, `a:p` paragraphs, `a:br` and
/// `a:tab`; in charts, the cached category and series names (`c:strCache` values).
///
/// Which placeholders' text counts depends on the part: on masters only footers and headers
/// (the rest are prompts: "Click to edit Master title style"); on notes pages everything but
/// the slide number and date.
struct DrawingTextHandler {
    enum Placeholders {
        case all, master, notes

        func keeps(_ type: String) -> Bool {
            switch self {
            case .all: true
            case .master: type == "ftr" || type == "hdr"
            case .notes: type != "sldNum" && type != "dt" && type != "sldImg"
            }
        }
    }

    var placeholders = Placeholders.all
    private var inText = false
    private var inCache = 0
    private var inValue = false
    private var fallbackDepth = 0
    private var skippingShape = false

    mutating func handle(_ event: XMLEvent, reader: XMLPartReader, into text: inout TextCollector) {
        switch event {
        case .start(let name):
            if fallbackDepth > 0 || name == OOXMLNames.fallback { fallbackDepth += 1; return }
            switch (name.namespace, name.local) {
            case (OOXMLNames.drawing, "t"): inText = true
            case (OOXMLNames.drawing, "br"): text.append("\n")
            case (OOXMLNames.drawing, "tab"): text.append("\t")
            case (OOXMLNames.chart, "strCache"): inCache += 1
            case (OOXMLNames.chart, "v"): inValue = inCache > 0
            case (OOXMLNames.presentation, "sp"): skippingShape = false
            case (OOXMLNames.presentation, "ph"):
                skippingShape = !placeholders.keeps(reader.attribute("type", namespace: "") ?? "obj")
            default: break
            }
        case .end(let name):
            if fallbackDepth > 0 { fallbackDepth -= 1; return }
            switch (name.namespace, name.local) {
            case (OOXMLNames.drawing, "t"): inText = false
            case (OOXMLNames.drawing, "p"), (OOXMLNames.drawing, "tc"): text.breakParagraph()
            case (OOXMLNames.chart, "strCache"): inCache -= 1
            case (OOXMLNames.chart, "v"):
                if inValue { text.breakParagraph() }
                inValue = false
            case (OOXMLNames.presentation, "sp"): skippingShape = false
            default: break
            }
        case .text(let value):
            if (inText || inValue) && fallbackDepth == 0 && !skippingShape { text.append(value) }
        }
    }
}
