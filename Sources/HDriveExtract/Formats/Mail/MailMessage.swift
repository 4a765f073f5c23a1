import HDriveCore

/// One Internet message (or one MIME part of it): headers and raw body, split lazily.
struct MailMessage {
    /// Header names lowercased; values unfolded, encoded words not yet decoded.
    private(set) var headers: [String: [UInt8]] = [:]
    let body: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        var index = bytes.startIndex
        var current: (name: String, value: [UInt8])?
        var headers: [String: [UInt8]] = [:]
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            index = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            if line.isEmpty { break }
            if let first = line.first, first == 0x20 || first == 0x09, current != nil {
                current!.value += [0x20] + line.drop { $0 == 0x20 || $0 == 0x09 }
                continue
            }
            if let current, headers[current.name] == nil { headers[current.name] = current.value }
            guard let colon = line.firstIndex(of: 0x3A) else { current = nil; continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased().trimmingCharactersInWhitespace()
            current = (name, Array(line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }))
        }
        if let current, headers[current.name] == nil { headers[current.name] = current.value }
        self.headers = headers
        body = bytes[index...]
    }

    func headerBytes(_ name: String) -> [UInt8]? { headers[name] }

    func header(_ name: String) -> String? {
        headers[name].map { MailDecoding.headerValue($0).trimmingCharactersInWhitespace() }
    }

    /// "text/plain" from Content-Type, lowercased; text/plain when absent.
    var contentType: String {
        parameters("content-type").value.lowercased().nonEmpty ?? "text/plain"
    }

    func parameter(_ header: String, _ name: String) -> String? {
        parameters(header).parameters[name]
    }

    /// A structured header ("text/plain; charset=utf-8") as its value and parameters.
    private func parameters(_ header: String) -> (value: String, parameters: [String: String]) {
        guard let raw = headers[header] else { return ("", [:]) }
        let pieces = String(decoding: raw, as: UTF8.self).split(separator: ";")
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = pair[1].trimmingCharactersInWhitespace()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            let key = pair[0].trimmingCharactersInWhitespace().lowercased()
            parameters[key.hasSuffix("*") ? String(key.dropLast()) : key] = MailDecoding.headerValue(Array(value.utf8))
        }
        return ((pieces.first.map(String.init) ?? "").trimmingCharactersInWhitespace(), parameters)
    }

    /// The body with its Content-Transfer-Encoding undone.
    var decodedBody: [UInt8] {
        switch String(decoding: headers["content-transfer-encoding"] ?? [], as: UTF8.self).lowercased()
            .trimmingCharactersInWhitespace() {
        case "base64": MailDecoding.base64(body)
        case "quoted-printable": MailDecoding.quotedPrintable(body)
        default: Array(body)
        }
    }

    /// The parts of a multipart body, split at its boundary.
    var parts: [MailMessage] {
        guard contentType.hasPrefix("multipart/"), let boundary = parameter("content-type", "boundary"),
              !boundary.isEmpty else { return [] }
        let marker = Array(("--" + boundary).utf8)
        var parts: [MailMessage] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            if body[index..<lineEnd].starts(with: marker) {
                if let start = partStart { parts.append(MailMessage(body[start..<max(start, index - 1)])) }
                let closing = body[index..<lineEnd].dropFirst(marker.count).starts(with: [0x2D, 0x2D])
                if closing { return parts }
                partStart = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
            }
            index = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
        }
        if let start = partStart { parts.append(MailMessage(body[start...])) }
        return parts
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
