import HDriveCore

/// A document's metadata as the catalog stores it: a JSON object with its keys sorted, as
/// `JSONEncoder` with `.sortedKeys` writes it. Written by hand because every indexed file has
/// some (a text file its encoding), and the encoder's generic machinery was a fiftieth of a
/// first crawl's CPU.
enum MetadataJSON {
    static func encode(_ metadata: DocumentMetadata) -> String {
        var out = "{"
        func field(_ key: String, _ value: String?) {
            guard let value else { return }
            if out.utf8.count > 1 { out += "," }
            out += "\"" + key + "\":"
            appendQuoted(value, to: &out)
        }
        // Alphabetical, so equal metadata is equal text.
        field("author", metadata.author)
        field("created", metadata.created)
        field("encoding", metadata.encoding)
        field("keywords", metadata.keywords)
        field("language", metadata.language)
        field("lastModifiedBy", metadata.lastModifiedBy)
        field("modified", metadata.modified)
        if let pageCount = metadata.pageCount {
            if out.utf8.count > 1 { out += "," }
            out += "\"pageCount\":" + String(pageCount)
        }
        field("recipients", metadata.recipients)
        field("subject", metadata.subject)
        return out + "}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
    static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        var plainStart = value.utf8.startIndex
        for index in value.utf8.indices {
            let byte = value.utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out += value[plainStart..<index]
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            default:
                let hex = String(byte, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.utf8.count) + hex
            }
            plainStart = value.utf8.index(after: index)
        }
        out += value[plainStart...]
        out += "\""
    }
}
