import HDriveCore

/// PowerPoint 97-2003 (.ppt, .pps, .pot), in-process: the "PowerPoint Document" stream is a
/// tree of records, and text lives in three kinds of atom (TextChars in UTF-16, TextBytes in
/// Latin-1, CString for names and comments) wherever it sits: slides, notes, masters, text
/// boxes in drawings. Containers are stepped into rather than recursed, so a deep or
/// looping tree costs nothing; a record that runs past the stream ends the walk.
struct PPTExtractor: FormatExtractor {
    private enum Record {
        static let textChars: UInt16 = 0x0FA0
        static let textBytes: UInt16 = 0x0FA8
        static let cString: UInt16 = 0x0FBA
        static let slide: UInt16 = 0x03EE
    }

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let compound = try input.requiredCompound()
        try LegacyEncryption.refuse(compound)
        guard let stream = try compound.read("PowerPoint Document") else {
            throw corrupt("presentation has no PowerPoint Document stream")
        }
        let data = LittleEndianBytes(bytes: stream)
        var collector = input.textCollector()
        var document = ExtractedDocument(type: .ppt, mimeType: input.detected.mimeType, body: "")
        var offset = 0
        var slides = 0
        var records = 0
        while offset + 8 <= stream.count, !collector.isFull {
            records += 1
            if records % 4096 == 0 { try input.deadline.check() }
            guard let header = data.u16(offset), let type = data.u16(offset + 2),
                  let length = data.u32(offset + 4).map(Int.init) else { break }
            let body = offset + 8
            if header & 0x000F == 0x000F {
                if type == Record.slide { slides += 1 }
                offset = body  // a container: its children follow at once
                continue
            }
            guard data.contains(body, length: length) else {
                document.problem = ExtractionFailure(.partial, "a record runs past the end of the presentation")
                break
            }
            if let text = self.text(type: type, bytes: stream[body..<(body + length)]) {
                collector.breakParagraph()
                collector.append(text)
            }
            offset = body + length
        }
        PropertySetReader.summary(of: compound).apply(to: &document)
        document.metadata.pageCount = slides > 0 ? slides : document.metadata.pageCount
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }

    /// Carriage return ends a paragraph in PowerPoint, vertical tab a line.
    private func text(type: UInt16, bytes: ArraySlice<UInt8>) -> String? {
        let raw: String
        switch type {
        case Record.textChars, Record.cString: raw = PropertyValue.utf16(Array(bytes))
        case Record.textBytes: raw = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default: return nil
        }
        // Tags of PowerPoint's own extensions ("___PPT10") are names, not text.
        if type == Record.cString && raw.hasPrefix("___PPT") { return nil }
        let text = String(raw.unicodeScalars.map { $0 == "\r" || $0 == "\u{0B}" ? "\n" : Character($0) })
        return text.trimmingCharactersInWhitespace().isEmpty ? nil : text
    }
}
