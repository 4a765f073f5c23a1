import HDriveCore

/// Plain text (and CSV, TSV, source code) in any of the encodings `PlainTextDecoder` recognises.
struct PlainTextExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let decoded = try PlainTextDecoder.decode(input.bytes, fallback: input.configuration.fallbackEncoding)
        var collector = input.textCollector()
        collector.append(decoded.text)
        return ExtractedDocument(type: .text, mimeType: input.detected.mimeType, body: collector.finishedText,
                                 metadata: DocumentMetadata(encoding: decoded.encoding), problem: collector.problem)
    }
}
