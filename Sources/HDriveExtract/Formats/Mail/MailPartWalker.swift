import HDriveCore

/// Walks a message's MIME tree: text into the collector, files into members.
struct MailPartWalker {
    let input: ExtractionInput
    let prefix: String
    private(set) var members: [ExtractedMember] = []

    init(input: ExtractionInput, prefix: String) {
        self.input = input
        self.prefix = prefix
    }

    mutating func read(_ part: MailMessage, depth: Int, into text: inout TextCollector) throws(ExtractionFailure) {
        guard depth < 32 else { return }
        let type = part.contentType
        let disposition = String(decoding: part.headerBytes("content-disposition") ?? [], as: UTF8.self).lowercased()
        let filename = part.parameter("content-disposition", "filename") ?? part.parameter("content-type", "name")
        if type.hasPrefix("multipart/") {
            let parts = part.parts
            if type == "multipart/alternative", let plain = parts.first(where: { $0.contentType == "text/plain" }) {
                return try read(plain, depth: depth + 1, into: &text)
            }
            for child in parts where !text.isFull { try read(child, depth: depth + 1, into: &text) }
        } else if disposition.hasPrefix("attachment") || (filename != nil && !type.hasPrefix("text/"))
                    || type == "message/rfc822" {
            let name = filename ?? (type == "message/rfc822" ? "message.eml" : "attachment")
            members.append(ArchiveMembers.extract(part.decodedBody, path: prefix + name, input: input))
        } else if type == "text/html" {
            let utf8 = Array(decode(part).utf8)
            var reader = HTMLTextReader()
            text.breakParagraph()
            try reader.read(utf8, encoding: "UTF-8", deadline: input.deadline, into: &text)
        } else if type.hasPrefix("text/") {
            text.breakParagraph()
            text.append(decode(part).replacing("\r\n", with: "\n").trimmingCharactersInWhitespace())
        }
    }

    private func decode(_ part: MailMessage) -> String {
        let bytes = part.decodedBody
        if let charset = part.parameter("content-type", "charset"), let text = CharsetDecoder.decode(bytes, charset: charset) {
            return text
        }
        return String(validating: bytes, as: UTF8.self) ?? Windows1252.decode(bytes)
    }
}

/// The lines a mail starts with in hdrive's text, so that a search for a sender or a
/// recipient finds the mail even where only the body is indexed.
enum MailHeaderBlock {
    static func append(from: String?, to: String?, subject: String?, into text: inout TextCollector) {
        for (label, value) in [("From", from), ("To", to), ("Subject", subject)] {
            guard let value, !value.isEmpty else { continue }
            text.append("\(label): \(value)\n")
        }
        text.breakParagraph()
    }
}
