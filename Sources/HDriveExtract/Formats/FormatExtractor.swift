import HDriveCore

/// What a format extractor is given: the whole file, and what detection learned about it.
struct ExtractionInput {
    var bytes: [UInt8]
    var detected: DetectedType
    /// The opened archive, when detection found a ZIP container.
    var archive: ZipArchive?
    var configuration: ExtractConfiguration
}

/// Reads one format. Stateless, so one instance serves every thread.
protocol FormatExtractor: Sendable {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument
}

extension ExtractionInput {
    /// An archive part's bytes, or nil when the archive has no such part.
    func part(_ name: String) throws(ExtractionFailure) -> [UInt8]? {
        guard let archive, let entry = archive.entry(named: name) else { return nil }
        return try archive.read(entry, limits: InflateLimits(configuration))
    }

    func requiredArchive() throws(ExtractionFailure) -> ZipArchive {
        guard let archive else { throw corrupt("\(detected.mimeType) file is not a ZIP archive") }
        return archive
    }

    func xmlReader(_ bytes: [UInt8], part: String) throws(ExtractionFailure) -> XMLPartReader {
        try XMLPartReader(bytes: bytes, part: part, maxDepth: configuration.maxXMLDepth)
    }
}

/// Plain text in any of the encodings `PlainTextDecoder` recognises.
struct PlainTextExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let decoded = try PlainTextDecoder.decode(input.bytes)
        var collector = TextCollector(limit: input.configuration.maxTextBytes)
        collector.append(decoded.text)
        return ExtractedDocument(type: .text, mimeType: input.detected.mimeType, body: collector.finishedText,
                                 metadata: DocumentMetadata(encoding: decoded.encoding), problem: collector.problem)
    }
}
