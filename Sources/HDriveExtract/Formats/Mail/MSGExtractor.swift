import HDriveCore

/// Outlook messages (.msg), in-process: a compound file whose streams are MAPI properties
/// (`__substg1.0_IIIITTTT`: property id, then type 001F for UTF-16 text, 001E for 8-bit text,
/// 0102 for bytes). The body is the plain text one, else the HTML one, else the compressed
/// RTF one; attachments become members, read like files of their own.
struct MSGExtractor: FormatExtractor {
    private enum Property {
        static let subject = "0037"
        static let senderName = "0C1A"
        static let senderAddress = "0C1F"
        static let senderSMTP = "5D01"
        static let displayTo = "0E04"
        static let displayCc = "0E03"
        static let body = "1000"
        static let html = "1013"
        static let compressedRTF = "1009"
        static let attachmentLongName = "3707"
        static let attachmentName = "3704"
        static let attachmentData = "3701"
    }

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let message = try input.requiredCompound()
        let properties = MAPIProperties(file: message, storage: "")
        var collector = input.textCollector()
        let sender = [properties.string(Property.senderName),
                      (properties.string(Property.senderSMTP) ?? properties.string(Property.senderAddress)).map { "<\($0)>" }]
            .compactMap { $0 }.joined(separator: " ")
        let recipients = [properties.string(Property.displayTo), properties.string(Property.displayCc)]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
        let subject = properties.string(Property.subject)
        MailHeaderBlock.append(from: sender, to: recipients, subject: subject, into: &collector)
        try appendBody(properties, input: input, into: &collector)
        var document = ExtractedDocument(type: .msg, mimeType: input.detected.mimeType, title: subject, body: "")
        document.metadata.author = sender.isEmpty ? nil : sender
        document.metadata.recipients = recipients.isEmpty ? nil : recipients
        document.metadata.created = properties.date("0039") ?? properties.date("0E06")
        document.members = attachments(message, input: input)
        document.body = collector.finishedText
        document.problem = collector.problem
        return document
    }

    private func appendBody(_ properties: MAPIProperties, input: ExtractionInput,
                            into collector: inout TextCollector) throws(ExtractionFailure) {
        if let body = properties.string(Property.body), !body.trimmingCharactersInWhitespace().isEmpty {
            return collector.append(body.replacing("\r\n", with: "\n"))
        }
        if let html = properties.bytes(Property.html) {
            var reader = HTMLTextReader()
            return try reader.read(html, deadline: input.deadline, into: &collector)
        }
        if let compressed = properties.bytes(Property.compressedRTF) {
            let rtf = try CompressedRTF.decompress(compressed, limit: input.configuration.maxTextBytes * 4)
            var parser = RTFParser(bytes: rtf, limit: input.configuration.maxTextBytes, deadline: input.deadline)
            try parser.run()
            collector.append(parser.body.finishedText)
        }
    }

    private func attachments(_ message: CompoundFile, input: ExtractionInput) -> [ExtractedMember] {
        let storages = message.entries.filter { !$0.isStream && $0.path.hasPrefix("__attach_version1.0_#") }
            .sorted { $0.path < $1.path }
        return storages.compactMap { storage in
            let properties = MAPIProperties(file: message, storage: storage.path)
            guard let data = properties.bytes(Property.attachmentData) else { return nil }
            let name = properties.string(Property.attachmentLongName) ?? properties.string(Property.attachmentName)
                ?? "attachment"
            return ArchiveMembers.extract(data, path: name, input: input)
        }
    }
}
