import HDriveCore

/// Any other XML: the text of every element, one paragraph per element that holds some.
/// A DOCTYPE is passed over rather than refused (DocBook and XHTML files carry one), but
/// its DTD is never loaded and entities are never expanded.
struct XMLTextExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let reader = try XMLPartReader(bytes: input.bytes, part: input.name, maxDepth: input.configuration.maxXMLDepth,
                                       deadline: input.deadline, allowsDoctype: true)
        var collector = input.textCollector()
        while !collector.isFull, let event = try reader.next() {
            switch event {
            case .start, .end: collector.breakParagraph()
            case .text(let value): collector.appendCollapsingWhitespace(value)
            }
        }
        return ExtractedDocument(type: .xml, mimeType: input.detected.mimeType, body: collector.finishedText,
                                 problem: collector.problem)
    }
}
