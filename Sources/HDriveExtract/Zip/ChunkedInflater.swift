import HDriveCore
internal import CZlib

/// zlib inflate in 64 KiB steps, shared by ZIP entries and gzip files: after every step the
/// caller's limits are asked again (bytes actually produced, ratio, deadline), so a bomb is
/// stopped one step past a limit whatever its headers claim.
enum ChunkedInflater {
    struct Outcome {
        var output: [UInt8]
        /// zlib's last status: Z_STREAM_END when the stream ended cleanly.
        var status: Int32
        /// zlib's message for a failed status.
        var message: String?
    }

    /// `windowBits` as zlib takes it: -MAX_WBITS for raw deflate, 16 + MAX_WBITS for gzip.
    /// `check` sees the bytes produced so far and returns a refusal to stop.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, windowBits: Int32, reserve: Int = 0,
                        check: (Int) -> ExtractionFailure?) throws(ExtractionFailure) -> Outcome {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ExtractionFailure(.unreadable, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(reserve)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        var status = Z_OK
        while status == Z_OK {
            status = chunk.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                return CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            if let refusal = check(output.count) { throw refusal }
        }
        return Outcome(output: output, status: status, message: stream.msg.map { String(cString: $0) })
    }
}
