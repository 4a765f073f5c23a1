import HDriveCore

/// Internet mail: one message (.eml), or a mailbox of them (mbox: each message starts with a
/// "From " line). From, To, Cc, Subject and Date become metadata (of the first message, for
/// a mailbox) and a header block in the text; text parts are decoded from their transfer
/// encoding and charset, HTML parts read as pages (the plain alternative preferred),
/// attachments and forwarded messages become members.
struct EmailExtractor: FormatExtractor {
    let isMailbox: Bool

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let messages = isMailbox ? MailboxSplitter.messages(input.bytes) : [input.bytes[...]]
        var collector = input.textCollector()
        var document = ExtractedDocument(type: isMailbox ? .mbox : .email, mimeType: input.detected.mimeType, body: "")
        for (number, raw) in messages.enumerated() where !collector.isFull {
            try input.deadline.check()
            let message = MailMessage(raw)
            let from = message.header("from")
            let to = [message.header("to"), message.header("cc")].compactMap { $0 }.joined(separator: "; ")
            let subject = message.header("subject")
            if number == 0 {
                document.title = subject
                document.metadata.author = from
                document.metadata.recipients = to.nonEmpty
                document.metadata.created = message.header("date").map { MailDate.iso8601($0) ?? $0 }
            }
            collector.breakParagraph()
            MailHeaderBlock.append(from: from, to: to, subject: subject, into: &collector)
            var walker = MailPartWalker(input: input, prefix: isMailbox ? "message-\(number + 1)/" : "")
            try walker.read(message, depth: 0, into: &collector)
            document.members += walker.members
        }
        if isMailbox { document.metadata.pageCount = messages.count }
        document.body = collector.finishedText
        document.problem = collector.problem
        return document
    }
}

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
        let disposition = String(decoding: part.headersValue("content-disposition"), as: UTF8.self).lowercased()
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

extension MailMessage {
    func headersValue(_ name: String) -> [UInt8] { headerBytes(name) ?? [] }
}

/// RFC 5322 dates ("Wed, 21 Nov 2012 21:11:32 +0100") as ISO 8601, like every other date.
enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func iso8601(_ text: String) -> String? {
        let words = text.split { $0 == " " || $0 == "," }.map(String.init).filter { !$0.isEmpty }
        guard let monthIndex = words.firstIndex(where: { months.contains($0.prefix(3).lowercased()) }),
              monthIndex > 0, monthIndex + 2 < words.count,
              let day = Int(words[monthIndex - 1]), var year = Int(words[monthIndex + 1]),
              let month = months.firstIndex(of: words[monthIndex].prefix(3).lowercased()) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let time = words[monthIndex + 2].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2 else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var zone = ""
        if monthIndex + 3 < words.count, let sign = words[monthIndex + 3].first, sign == "+" || sign == "-",
           words[monthIndex + 3].count == 5 {
            let digits = words[monthIndex + 3].dropFirst()
            zone = "\(sign)\(digits.prefix(2)):\(digits.suffix(2))"
        }
        return "\(year)-\(two(month + 1))-\(two(day))T\(two(time[0])):\(two(time[1])):\(two(time.count > 2 ? time[2] : 0))\(zone)"
    }
}

/// Splits an mbox at its "From " separator lines (at the start, or after an empty line).
enum MailboxSplitter {
    static func messages(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let separator = Array("From ".utf8)
        var starts: [Int] = []
        var index = 0
        var previousEmpty = true
        while index < bytes.count {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[index..<lineEnd]
            if previousEmpty && line.starts(with: separator) { starts.append(index) }
            previousEmpty = line.isEmpty || line == [0x0D]
            index = lineEnd + 1
        }
        guard !starts.isEmpty else { return [bytes[...]] }
        return starts.enumerated().map { position, start in
            let end = position + 1 < starts.count ? starts[position + 1] : bytes.count
            let firstLineEnd = bytes[start..<end].firstIndex(of: 0x0A).map { $0 + 1 } ?? end
            return bytes[firstLineEnd..<end]
        }
    }
}
