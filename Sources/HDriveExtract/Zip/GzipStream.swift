import HDriveCore
internal import CZlib

/// gzip (RFC 1952) through zlib, under the same limits as a ZIP entry: bytes actually
/// inflated, the ratio check and the file's budget and deadline.
enum GzipStream {
    static func inflate(_ bytes: [UInt8], limits: InflateLimits) throws(ExtractionFailure) -> [UInt8] {
        let outcome = try bytes.withUnsafeBufferPointer { input throws(ExtractionFailure) in
            // 16 + MAX_WBITS: expect a gzip header and trailer, and check the trailer's CRC.
            try ChunkedInflater.inflate(input, windowBits: 16 + MAX_WBITS) { produced in
                if let refusal = refusalIfOverLimits(produced, compressed: bytes.count, limits) { return refusal }
                if let deadline = limits.deadline, deadline.hasPassed { return deadline.timeout }
                return nil
            }
        }
        switch outcome.status {
        case Z_STREAM_END:
            limits.budget?.spend(outcome.output.count)
            return outcome.output
        case Z_BUF_ERROR: throw corrupt("gzip data ends early (truncated file?)")
        default: throw corrupt("invalid gzip data: \(outcome.message ?? "error \(outcome.status)")")
        }
    }

    private static func refusalIfOverLimits(_ produced: Int, compressed: Int, _ limits: InflateLimits) -> ExtractionFailure? {
        if produced > limits.maxBytes {
            return ExtractionFailure(.tooLarge, "gzip file inflates to more than \(ByteCount.format(Int64(limits.maxBytes))) "
                                     + "(suspected bomb)")
        }
        if let refusal = limits.budget?.refusal(ifSpending: produced) { return refusal }
        if let deadline = limits.deadline, deadline.hasPassed { return deadline.timeout }
        guard produced > limits.ratioFloor, produced / max(compressed, 1) > limits.maxRatio else { return nil }
        return ExtractionFailure(.tooLarge, "gzip file inflates to more than \(limits.maxRatio)x its size (suspected bomb)")
    }

    /// The original file name (FNAME) from the header, when the writer stored one.
    static func storedName(_ bytes: [UInt8]) -> String? {
        guard bytes.count > 10, bytes[3] & 0x08 != 0 else { return nil }
        var start = 10
        if bytes[3] & 0x04 != 0 {  // FEXTRA comes first
            guard bytes.count > 12 else { return nil }
            start += 2 + Int(bytes[10]) | Int(bytes[11]) << 8
        }
        guard start < bytes.count, let end = bytes[start...].prefix(1024).firstIndex(of: 0), end > start else { return nil }
        let name = Windows1252.decode(bytes[start..<end])
        return name.split(separator: "/").last.map(String.init)
    }
}
