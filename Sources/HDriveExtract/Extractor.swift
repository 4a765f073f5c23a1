import HDriveCore

/// Turns one file into an `ExtractedDocument` or a typed failure. Safe to call from many threads.
///
/// The pipeline: open the file safely (`OpenedFile`), decide what it is from its content
/// (`TypeDetector`), hand it to the extractor `FormatTable` names for that type, within the
/// file's deadline. Every call blocks (file I/O, zlib, libxml2, helper programs): run it on
/// threads of their own (the crawler's `ParallelExtraction`), not on Swift's cooperative pool.
public final class Extractor: Sendable {
    public let configuration: ExtractConfiguration
    private let detector: TypeDetector

    public init(configuration: ExtractConfiguration = ExtractConfiguration()) {
        self.configuration = configuration
        self.detector = TypeDetector(magic: MagicDatabase(), configuration: configuration)
    }

    /// Extracts the regular file at an absolute path (raw bytes). Never follows a symlink,
    /// never opens a FIFO or device.
    public func extract(fileAt path: RawPath) -> ExtractionResult {
        extract(fileAt: path) { _ in }
    }

    /// As `extract(fileAt:)`; `wholeFile` is given the file's bytes if extraction reads them
    /// all (plain text, mail, RTF ..., and any file no longer than the detection prefix), so
    /// that a caller hashing the file need not read it again.
    public func extract(fileAt path: RawPath, wholeFile: ([UInt8]) -> Void) -> ExtractionResult {
        do {
            let file = try OpenedFile(path, maxSize: configuration.maxFileSize)
            let source = Source(file: file)
            let result = extract(source, name: path.lastComponent.displayString,
                                 fileExtension: path.fileExtension, context: ExtractionContext(configuration))
            try file.checkUnchanged()
            // Only bytes of a file that stayed as it was opened stand for its content.
            if let bytes = source.readWhole { wholeFile(bytes) }
            return result
        } catch {
            return .failure(error)
        }
    }

    /// Extracts from bytes already in memory; `name` is a hint (its extension), not the truth.
    public func extract(bytes: [UInt8], name: String) -> ExtractionResult {
        extract(bytes: bytes, name: name, context: ExtractionContext(configuration))
    }

    /// What the file at `path` is, judged by its content, without extracting its text.
    public func detect(fileAt path: RawPath) -> Result<DetectedType, ExtractionFailure> {
        do {
            let file = try OpenedFile(path, maxSize: configuration.maxFileSize)
            return .success(try detect(Source(file: file), fileExtension: path.fileExtension).type)
        } catch {
            return .failure(error)
        }
    }

    /// What these bytes are; `name` is a hint, as for `extract(bytes:name:)`.
    public func detect(bytes: [UInt8], name: String) -> DetectedType {
        (try? detect(Source(bytes: bytes), fileExtension: RawPath(name).fileExtension).type)
            ?? detector.type(for: "application/octet-stream")
    }

    /// The linked libmagic's version ("5.44"), for `hdrive version` and bug reports.
    public static var libmagicVersion: String { MagicDatabase.version }

    /// False when libmagic found no database; detection then relies on our own signatures.
    public var hasMagicDatabase: Bool { detector.magic.isLoaded }

    /// The helper programs some formats need, for `hdrive status` (check `isInstalled`).
    public static var helperPrograms: [HelperProgram] { HelperProgram.all }

    /// Archive members come back through here, in their archive's context one level deeper.
    func extract(bytes: [UInt8], name: String, context: ExtractionContext) -> ExtractionResult {
        extract(Source(bytes: bytes), name: name, fileExtension: RawPath(name).fileExtension, context: context)
    }

    private func detect(_ source: Source, fileExtension: String) throws(ExtractionFailure) -> Detection {
        let prefix = try source.prefix(configuration.detectionPrefixBytes)
        return detector.detect(prefix: prefix, fileExtension: fileExtension) { () throws(ExtractionFailure) in
            try source.all()
        }
    }

    private func extract(_ source: Source, name: String, fileExtension: String,
                         context: ExtractionContext) -> ExtractionResult {
        do {
            let detection = try detect(source, fileExtension: fileExtension)
            if let failure = detection.failure { return .failure(failure) }
            guard let route = FormatTable.route(for: detection.type.mimeType) else {
                return .failure(ExtractionFailure(.unsupported, "no extractor for this type: \(detection.type.mimeType)"))
            }
            // Bytes already in memory are handed over anyway: a helper then reads a temporary copy.
            let needsBytes = route.readsWholeFile || source.file == nil
            let input = ExtractionInput(bytes: needsBytes ? try source.all() : [], file: source.file, name: name, detected: detection.type, archive: detection.archive,
                                        compound: detection.compound, configuration: configuration,
                                        context: context, extractor: self)
            var document = try route.extractor.extract(input)
            document.type = route.fileType
            document.mimeType = detection.type.mimeType
            return .document(document)
        } catch {
            return .failure(error)
        }
    }
}

/// A file's bytes, read from an open file only when an extractor asks for them all.
private final class Source {
    let file: OpenedFile?
    private var bytes: [UInt8]?

    init(file: OpenedFile) { self.file = file }
    init(bytes: [UInt8]) { self.file = nil; self.bytes = bytes }

    func prefix(_ count: Int) throws(ExtractionFailure) -> [UInt8] {
        // A file no longer than the prefix is read whole at once: its extraction would read
        // it again (a second system call and copy for most files of a share).
        if bytes == nil, let file, file.size <= count { bytes = try file.readAll() }
        if let bytes { return bytes.count <= count ? bytes : Array(bytes.prefix(count)) }
        return try file!.prefix(count)
    }

    func all() throws(ExtractionFailure) -> [UInt8] {
        if let bytes { return bytes }
        let read = try file!.readAll()
        bytes = read
        return read
    }

    /// The file's bytes, if they were read whole.
    var readWhole: [UInt8]? { file == nil ? nil : bytes }
}
