import HDriveCore

/// A legacy format read by a helper program that prints plain UTF-8 text: antiword for Word
/// 97-2003. The compound file's property set gives the metadata, which the helper does not
/// print. Where hdrive has an in-process reader too, the helper covers for it when it fails,
/// or the other way round.
struct HelperTextExtractor: FormatExtractor {
    let program: HelperProgram
    let arguments: [String]
    let fileType: FileType
    var reader: (@Sendable (CompoundFile, Int) throws(ExtractionFailure) -> String)?
    /// Whether `reader` goes first, with the helper for the files it cannot read.
    var readerFirst = false

    /// The in-process reader first: it numbers lists (in table cells too) and reads text
    /// boxes and Word 6/95, where antiword prints no labels; antiword reads fast-saved Word 6.
    static let word = HelperTextExtractor(program: .antiword, arguments: ["-w", "0", "-m", "UTF-8.txt"], fileType: .doc,
                                          reader: { file, limit throws(ExtractionFailure) in
                                              try WordDocumentReader.text(file, limit: limit)
                                          }, readerFirst: true)

    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        if let compound = input.compound { try LegacyEncryption.refuse(compound) }
        if readerFirst, let document = extractInProcess(input) { return document }
        do {
            return try extractWithHelper(input)
        } catch {
            guard !readerFirst, error.kind == .corrupt || error.kind == .helperMissing,
                  let document = extractInProcess(input) else { throw error }
            return document
        }
    }

    /// The in-process reader's document; nil when it has none or finds no text.
    private func extractInProcess(_ input: ExtractionInput) -> ExtractedDocument? {
        guard let reader, let compound = input.compound, let text = try? reader(compound, input.configuration.maxTextBytes),
              !text.trimmingCharactersInWhitespace().isEmpty else { return nil }
        var collector = input.textCollector()
        collector.append(text)
        var document = ExtractedDocument(type: fileType, mimeType: input.detected.mimeType,
                                         body: collector.finishedText, problem: collector.problem)
        PropertySetReader.summary(of: compound).apply(to: &document)
        return document
    }

    private func extractWithHelper(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let limits = HelperLimits(memoryBytes: input.configuration.helperMemoryBytes,
                                  outputBytes: input.configuration.maxTextBytes)
        let output = try HelperInput.withDescriptor(input) { fd throws(ExtractionFailure) in
            try HelperRunner.run(program, arguments: arguments + [HelperInput.path], input: fd,
                                 deadline: input.deadline, limits: limits)
        }
        guard output.exitStatus == 0 || output.truncated else {
            let said = output.stderr.split(separator: "\n").last.map(String.init) ?? ""
            if said.lowercased().contains("encrypt") || said.lowercased().contains("password") {
                throw ExtractionFailure(.encrypted, "file is password-protected")
            }
            let reason = said.isEmpty ? "" : ": " + said.replacing(HelperInput.path, with: input.name)
            throw ExtractionFailure(.corrupt, "\(program.name) could not read this file\(reason)")
        }
        var collector = input.textCollector()
        collector.append(String(decoding: output.stdout, as: UTF8.self))
        var document = ExtractedDocument(type: fileType, mimeType: input.detected.mimeType, body: collector.finishedText)
        if let compound = input.compound { PropertySetReader.summary(of: compound).apply(to: &document) }
        document.problem = collector.problem
            ?? (output.truncated ? ExtractionFailure(.partial, "\(program.name) output cut at the text limit") : nil)
        return document
    }
}
