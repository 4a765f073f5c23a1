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
        let outcome = try bytes.withUnsafeBufferPointer { all throws(ExtractionFailure) in
            let input = UnsafeBufferPointer(rebasing: all[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
            return try ChunkedInflater.inflate(input, windowBits: -MAX_WBITS,
                                               reserve: min(entry.uncompressedSize, limits.maxBytes, 8 << 20)) { produced in
                if let refusal = refusalIfOverLimits(produced, entry, limits) { return refusal }
                if let deadline = limits.deadline, deadline.hasPassed { return deadline.timeout }
                return nil
            }
        }
        switch outcome.status {
        case Z_STREAM_END:
            return outcome.output
        case Z_BUF_ERROR:
            throw corrupt("deflate data of \"\(entry.name)\" ends early (truncated archive?)")
        default:
            throw corrupt("invalid deflate data in \"\(entry.name)\": \(outcome.message ?? "error \(outcome.status)")")
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
