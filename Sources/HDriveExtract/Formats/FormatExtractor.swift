import HDriveCore

/// What a format extractor is given: the file, and what detection learned about it.
struct ExtractionInput {
    /// The whole file; empty for formats whose helper program reads `file` itself.
    var bytes: [UInt8]
    /// The open file, when extracting from disk; helper programs read it as their stdin.
    var file: OpenedFile?
    /// The file's name, for messages and for naming archive members.
    var name: String
    var detected: DetectedType
    /// The opened containers, when detection found one.
    var archive: ZipArchive?
    var compound: CompoundFile?
    var configuration: ExtractConfiguration
    /// Deadline, inflate budget and nesting depth, shared with the file's archive members.
    var context: ExtractionContext
    /// For archive members, which are extracted like files of their own.
    var extractor: Extractor

    var deadline: Deadline { context.deadline }
}

/// What one file on disk shares with everything nested in it: a single deadline and a single
/// inflate budget, so that archives inside archives cannot multiply either.
struct ExtractionContext {
    var deadline: Deadline
    var budget: InflateBudget
    /// How many archives deep this file is (0 for the file on disk).
    var depth = 0

    init(_ configuration: ExtractConfiguration) {
        deadline = Deadline(limit: configuration.timeLimit)
        budget = InflateBudget(total: Int(clamping: configuration.maxInflatedBytesPerArchive))
    }
}

/// Reads one format. Stateless, so one instance serves every thread.
protocol FormatExtractor: Sendable {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument
}

extension ExtractionInput {
    /// An archive part's bytes, or nil when the archive has no such part.
    func part(_ name: String) throws(ExtractionFailure) -> [UInt8]? {
        guard let archive, let entry = archive.entry(named: name) else { return nil }
        return try archive.read(entry, limits: inflateLimits)
    }

    var inflateLimits: InflateLimits {
        InflateLimits(configuration, budget: context.budget, deadline: context.deadline)
    }

    func requiredArchive() throws(ExtractionFailure) -> ZipArchive {
        guard let archive else { throw corrupt("\(detected.mimeType) file is not a ZIP archive") }
        return archive
    }

    func requiredCompound() throws(ExtractionFailure) -> CompoundFile {
        guard let compound else { throw corrupt("\(detected.mimeType) file is not a compound file") }
        return compound
    }

    /// A reader that parses the archive part as it inflates; nil when there is no such part.
    func xmlReader(forPart name: String) throws(ExtractionFailure) -> XMLPartReader? {
        guard let archive, let entry = archive.entry(named: name) else { return nil }
        let stream = try ZipEntryStream(archive: archive, entry: entry, limits: inflateLimits)
        return try XMLPartReader(source: stream, part: name, maxDepth: configuration.maxXMLDepth, deadline: deadline)
    }

    func xmlReader(_ bytes: [UInt8], part: String) throws(ExtractionFailure) -> XMLPartReader {
        try XMLPartReader(bytes: bytes, part: part, maxDepth: configuration.maxXMLDepth, deadline: deadline)
    }

    func textCollector() -> TextCollector {
        TextCollector(limit: configuration.maxTextBytes)
    }
}
