import HDriveCore

/// The encodings of Internet mail: base64 and quoted-printable bodies, and RFC 2047
/// encoded words in headers ("=?utf-8?Q?Caf=C3=A9?="). All lenient: mail in the wild breaks
/// every rule, and a bad character must not cost the message.
enum MailDecoding {
    static func base64<C: Collection>(_ text: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41
            case 0x61...0x7A: value = byte - 0x61 + 26
            case 0x30...0x39: value = byte - 0x30 + 52
            case 0x2B, 0x2D: value = 62
            case 0x2F, 0x5F: value = 63
            case 0x3D: return out  // padding ends the data
            default: continue      // line breaks and junk
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    /// Quoted-printable; in headers (`header: true`) an underscore is a space.
    static func quotedPrintable<C: Collection>(_ text: C, header: Bool = false) -> [UInt8] where C.Element == UInt8 {
        let bytes = Array(text)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3D {
                if index + 1 < bytes.count && (bytes[index + 1] == 0x0A || bytes[index + 1] == 0x0D) {
                    let crlf = bytes[index + 1] == 0x0D && index + 2 < bytes.count && bytes[index + 2] == 0x0A
                    index += crlf ? 3 : 2
                    continue  // soft line break
                }
                if index + 2 < bytes.count,
                   let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    out.append(value)
                    index += 3
                    continue
                }
            }
            out.append(header && byte == 0x5F ? 0x20 : byte)
            index += 1
        }
        return out
    }

    /// A header value with its encoded words decoded; whitespace between two encoded words goes.
    static func headerValue(_ raw: [UInt8]) -> String {
        let text = String(validating: raw, as: UTF8.self) ?? Windows1252.decode(raw)
        guard text.contains("=?") else { return text }
        var out = ""
        var rest = text[...]
        var lastWasWord = false
        while let start = rest.firstRange(of: "=?") {
            let between = rest[..<start.lowerBound]
            if !(lastWasWord && between.allSatisfy { $0.isWhitespace }) { out += between }
            let parts = rest[start.upperBound...].split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("="), let encoding = parts[1].first else {
                out += "=?"
                rest = rest[start.upperBound...]
                lastWasWord = false
                continue
            }
            let payload = Array(parts[2].utf8)
            let bytes = encoding == "B" || encoding == "b" ? base64(payload) : quotedPrintable(payload, header: true)
            let charset = parts[0].split(separator: "*").first.map(String.init) ?? "UTF-8"
            out += CharsetDecoder.decode(bytes, charset: charset) ?? Windows1252.decode(bytes)
            rest = parts[3].dropFirst()
            lastWasWord = true
        }
        return out + rest
    }
}
