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
