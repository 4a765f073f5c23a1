import Glibc

/// Encodes test text into a legacy character set with iconv, so that tests need no
/// binary fixtures.
enum CharsetEncoderProbe {
    static func encode(_ text: String, _ charset: String) -> [UInt8]? {
        let converter = iconv_open(charset, "UTF-8")
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var inPointer = source.baseAddress
                var outPointer = target.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1 else { return nil }
        return output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
    }
}
