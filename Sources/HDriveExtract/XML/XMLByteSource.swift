import HDriveCore

/// Where an `XMLPartReader` gets its bytes: libxml2 pulls them through `read`, so a part is
/// parsed as it is inflated and never held whole in memory. A source that fails (a bomb,
/// a bad CRC) records why and returns -1; the reader reports that reason, not libxml2's.
class XMLByteSource {
    var failure: ExtractionFailure?

    /// Fills up to `count` bytes; returns how many, 0 at the end, -1 on failure.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        preconditionFailure("XMLByteSource.read is abstract")
    }
}

/// Bytes already in memory (a flat XML file, a small part), read without a copy.
final class MemoryByteSource: XMLByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    override func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        let length = min(count, bytes.count - offset)
        guard length > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: length)
        }
        offset += length
        return Int32(length)
    }
}
