import HDriveCore

/// Turns one file into an `ExtractedDocument` or a typed failure. Safe to call from many threads.
///
/// The pipeline: read the file safely (`FileLoader`), decide what it is from its content
/// (`TypeDetector`), hand it to the extractor `FormatTable` names for that type.
/// Every call blocks (file I/O, zlib, libxml2): run it on a thread of its own, not on
/// Swift's cooperative pool.
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
        do {
            let bytes = try FileLoader.load(path, maxSize: configuration.maxFileSize)
            return extract(bytes, fileExtension: path.fileExtension)
        } catch {
            return .failure(error)
        }
    }

    /// Extracts from bytes already in memory; `name` is a hint (its extension), not the truth.
    public func extract(bytes: [UInt8], name: String) -> ExtractionResult {
        extract(bytes, fileExtension: RawPath(name).fileExtension)
    }

    /// What the file at `path` is, judged by its content, without extracting its text.
    public func detect(fileAt path: RawPath) -> Result<DetectedType, ExtractionFailure> {
        do {
            let bytes = try FileLoader.load(path, maxSize: configuration.maxFileSize)
            return .success(detector.detect(bytes, fileExtension: path.fileExtension).type)
        } catch {
            return .failure(error)
        }
    }

    /// What these bytes are; `name` is a hint, as for `extract(bytes:name:)`.
    public func detect(bytes: [UInt8], name: String) -> DetectedType {
        detector.detect(bytes, fileExtension: RawPath(name).fileExtension).type
    }

    /// The linked libmagic's version ("5.44"), for `hdrive version` and bug reports.
    public static var libmagicVersion: String { MagicDatabase.version }

    /// False when libmagic found no database; detection then relies on our own signatures.
    public var hasMagicDatabase: Bool { detector.magic.isLoaded }

    private func extract(_ bytes: [UInt8], fileExtension: String) -> ExtractionResult {
        let detection = detector.detect(bytes, fileExtension: fileExtension)
        if let failure = detection.failure { return .failure(failure) }
        guard let route = FormatTable.route(for: detection.type.mimeType) else {
            return .failure(ExtractionFailure(.unsupported, "no extractor for this type: \(detection.type.mimeType)"))
        }
        let input = ExtractionInput(bytes: bytes, detected: detection.type, archive: detection.archive,
                                    configuration: configuration)
        do {
            var document = try route.extractor.extract(input)
            document.type = route.fileType
            document.mimeType = detection.type.mimeType
            return .document(document)
        } catch {
            return .failure(error)
        }
    }
}
