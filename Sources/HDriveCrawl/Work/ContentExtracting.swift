import HDriveCore
import HDriveExtract

/// What the crawler needs of an extractor. `Extractor` is the real one; tests wrap it to count
/// extractions (a moved file must not be extracted again).
public protocol ContentExtracting: Sendable {
    func extract(fileAt path: RawPath) -> ExtractionResult
    /// As `extract(fileAt:)`, giving `wholeFile` the file's bytes when extraction read them all.
    func extract(fileAt path: RawPath, wholeFile: ([UInt8]) -> Void) -> ExtractionResult
    /// Files larger than this are not read (nor hashed).
    var maxFileSize: Int64 { get }
}

extension ContentExtracting {
    public func extract(fileAt path: RawPath, wholeFile: ([UInt8]) -> Void) -> ExtractionResult { extract(fileAt: path) }
}

extension Extractor: ContentExtracting {
    public var maxFileSize: Int64 { configuration.maxFileSize }
}
