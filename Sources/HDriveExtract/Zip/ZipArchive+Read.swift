import HDriveCore
internal import CZlib

extension ZipArchive {
    /// The entry's bytes, inflated and CRC-checked.
    func read(_ entry: ZipEntry, limits: InflateLimits) throws(ExtractionFailure) -> [UInt8] {
        try checkReadable(entry)
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize <= limits.maxBytes else { throw tooLarge(entry, limits) }
            if let refusal = limits.budget?.refusal(ifSpending: entry.compressedSize) { throw refusal }
            output = Array(bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
        case 8:
            output = try inflate(entry, limits: limits)
        default:
            throw unsupportedMethod(entry)
        }
        guard output.count == entry.uncompressedSize else {
            throw corrupt("entry \"\(entry.name)\" inflated to \(output.count) bytes, expected \(entry.uncompressedSize)")
        }
        let crc = output.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32_z(0, buffer.baseAddress, buffer.count))
        }
        guard crc == entry.crc32 else { throw corrupt("bad CRC in entry \"\(entry.name)\"") }
        limits.budget?.spend(output.count)
        return output
    }

    /// Raw deflate (no zlib header) in 64 KiB steps, so a bomb is stopped after at most one
    /// step past the limit, whatever the headers claim.
    private func inflate(_ entry: ZipEntry, limits: InflateLimits) throws(ExtractionFailure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ExtractionFailure(.unreadable, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(entry.uncompressedSize, limits.maxBytes, 8 << 20))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var refusal: ExtractionFailure?
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + entry.dataOffset)
            stream.avail_in = uInt(entry.compressedSize)
            var status = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                refusal = refusalIfOverLimits(output.count, entry, limits)
                if refusal == nil, let deadline = limits.deadline, deadline.hasPassed { refusal = deadline.timeout }
                if refusal != nil { break }
            }
            return status
        }
        if let refusal { throw refusal }
        switch status {
        case Z_STREAM_END:
            return output
        case Z_BUF_ERROR:
            throw corrupt("deflate data of \"\(entry.name)\" ends early (truncated archive?)")
        default:
            let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw corrupt("invalid deflate data in \"\(entry.name)\": \(reason)")
        }
    }

    /// Encrypted entries (in the central or the local header) and methods other than
    /// stored and deflated are refused before any byte is inflated.
    func checkReadable(_ entry: ZipEntry) throws(ExtractionFailure) {
        if entry.isEncrypted {
            throw ExtractionFailure(.encrypted, "entry \"\(entry.name)\" is encrypted")
        }
        if let localFlags = LittleEndianBytes(bytes: bytes).u16(entry.localHeaderOffset + 6), localFlags & 0x0001 != 0 {
            throw ExtractionFailure(.encrypted, "entry \"\(entry.name)\" is encrypted")
        }
        guard entry.method == 0 || entry.method == 8 else { throw unsupportedMethod(entry) }
    }

    private func unsupportedMethod(_ entry: ZipEntry) -> ExtractionFailure {
        ExtractionFailure(.unsupported, "entry \"\(entry.name)\" uses compression method \(entry.method)")
    }

    /// `spending`: the bytes not yet charged to the file's budget (all of `produced` when
    /// the entry is charged at its end).
    func refusalIfOverLimits(_ produced: Int, _ entry: ZipEntry, _ limits: InflateLimits,
                             spending: Int? = nil) -> ExtractionFailure? {
        if produced > limits.maxBytes { return tooLarge(entry, limits) }
        if let refusal = limits.budget?.refusal(ifSpending: spending ?? produced) { return refusal }
        guard produced > limits.ratioFloor, produced / max(entry.compressedSize, 1) > limits.maxRatio else { return nil }
        return ExtractionFailure(.tooLarge, "entry \"\(entry.name)\" inflates to more than \(limits.maxRatio)x "
                                 + "its compressed size (suspected zip bomb)")
    }

    private func tooLarge(_ entry: ZipEntry, _ limits: InflateLimits) -> ExtractionFailure {
        ExtractionFailure(.tooLarge, "entry \"\(entry.name)\" inflates to more than "
                          + "\(ByteCount.format(Int64(limits.maxBytes))) (suspected zip bomb)")
    }
}
