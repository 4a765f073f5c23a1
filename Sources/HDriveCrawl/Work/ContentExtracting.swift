import HDriveCore
import HDriveExtract

/// What the crawler needs of an extractor. `Extractor` is the real one; tests wrap it to count
/// extractions (a moved file must not be extracted again).
public protocol ContentExtracting: Sendable {
    func extract(fileAt path: RawPath) -> ExtractionResult
    /// Files larger than this are not read (nor hashed).
    var maxFileSize: Int64 { get }
}

extension Extractor: ContentExtracting {
    public var maxFileSize: Int64 { configuration.maxFileSize }
}
