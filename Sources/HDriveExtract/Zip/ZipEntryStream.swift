import HDriveCore
internal import CZlib

/// One ZIP entry inflated on demand, a buffer at a time, for the XML reader: the same checks
/// as `ZipArchive.read` (bytes actually inflated, ratio, the file's budget and deadline,
/// size and CRC at the end), without ever holding the inflated part.
final class ZipEntryStream: XMLByteSource {
    private let archive: ZipArchive
    private let entry: ZipEntry
    private let limits: InflateLimits
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var consumed = 0
    private var produced = 0
    private var crc: UInt = 0
    private var finished = false

    init(archive: ZipArchive, entry: ZipEntry, limits: InflateLimits) throws(ExtractionFailure) {
        try archive.checkReadable(entry)
        self.archive = archive
        self.entry = entry
        self.limits = limits
        stream.initialize(to: z_stream())
        super.init()
        if entry.method == 8,
           inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) != Z_OK {
            throw ExtractionFailure(.unreadable, "zlib could not start inflating")
        }
    }

    deinit {
        if entry.method == 8 { inflateEnd(stream) }
        stream.deallocate()
    }

    override func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        guard failure == nil else { return -1 }
        guard !finished, count > 0 else { return 0 }
        let length = entry.method == 0 ? copyStored(into: buffer, count: count) : inflate(into: buffer, count: count)
        guard failure == nil else { return -1 }
        crc = crc32_z(crc, UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), length)
        produced += length
        if let refusal = archive.refusalIfOverLimits(produced, entry, limits, spending: length)
            ?? (limits.deadline?.hasPassed == true ? limits.deadline?.timeout : nil) {
            failure = refusal
            return -1
        }
        limits.budget?.spend(length)
        if finished {
            if produced != entry.uncompressedSize {
                failure = corrupt("entry \"\(entry.name)\" inflated to \(produced) bytes, expected \(entry.uncompressedSize)")
            } else if UInt32(truncatingIfNeeded: crc) != entry.crc32 {
                failure = corrupt("bad CRC in entry \"\(entry.name)\"")
            }
            if failure != nil { return -1 }
        }
        return Int32(length)
    }

    private func copyStored(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        let length = min(count, entry.compressedSize - consumed)
        archive.bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + entry.dataOffset + consumed, byteCount: length)
        }
        consumed += length
        finished = consumed == entry.compressedSize
        return length
    }

    /// Inflates until some output appears or the entry ends; the input pointer is derived
    /// afresh each call, since zlib keeps no pointer into it between calls.
    private func inflate(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        var length = 0
        archive.bytes.withUnsafeBufferPointer { source in
            while length == 0 && !finished && failure == nil {
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + entry.dataOffset + consumed)
                stream.pointee.avail_in = uInt(entry.compressedSize - consumed)
                stream.pointee.next_out = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = uInt(count)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                consumed = entry.compressedSize - Int(stream.pointee.avail_in)
                length = count - Int(stream.pointee.avail_out)
                switch status {
                case Z_STREAM_END: finished = true
                case Z_OK: break
                case Z_BUF_ERROR where length == 0:
                    failure = corrupt("deflate data of \"\(entry.name)\" ends early (truncated archive?)")
                case Z_BUF_ERROR: break
                default:
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = corrupt("invalid deflate data in \"\(entry.name)\": \(reason)")
                }
            }
        }
        return length
    }
}
