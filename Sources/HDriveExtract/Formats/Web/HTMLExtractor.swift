import HDriveCore

/// HTML and XHTML pages: title, description, keywords and author from the head, and the
/// text of the body.
struct HTMLExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        var reader = HTMLTextReader()
        var collector = input.textCollector()
        try reader.read(input.bytes, deadline: input.deadline, into: &collector)
        var document = ExtractedDocument(type: .html, mimeType: input.detected.mimeType, title: reader.title,
                                         body: collector.finishedText, problem: collector.problem)
        document.metadata.author = reader.meta["author"]
        document.metadata.subject = reader.meta["description"]
        document.metadata.keywords = reader.meta["keywords"]
        document.metadata.language = reader.language
        return document
    }
}
