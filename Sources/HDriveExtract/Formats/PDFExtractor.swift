import HDriveCore

/// PDF through poppler's `pdftotext`, run as an isolated helper. `-htmlmeta` gives the
/// document information (title, author, dates) and the text in one run; a form feed ends
/// each page, which counts them for free.
///
/// `-raw` keeps text in the order the producer wrote it, as PDFBox and Tika do by default.
/// Office suites write each text box, table cell and column whole, while pdftotext's
/// reading-order guess interleaves the lines of boxes that sit side by side, which breaks
/// every phrase across their line ends. The cost: a file drawn out of order reads that way.
struct PDFExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let limits = HelperLimits(memoryBytes: input.configuration.helperMemoryBytes,
                                  outputBytes: input.configuration.maxTextBytes * 2)
        let output = try HelperInput.withDescriptor(input) { fd throws(ExtractionFailure) in
            try HelperRunner.run(.pdftotext, arguments: ["-enc", "UTF-8", "-raw", "-htmlmeta", HelperInput.path, "-"],
                                 input: fd, deadline: input.deadline, limits: limits)
        }
        if let failure = failure(output) { throw failure }
        let page = HTMLMetaPage(String(decoding: output.stdout, as: UTF8.self))
        var collector = input.textCollector()
        collector.append(page.body)
        var document = ExtractedDocument(type: .pdf, mimeType: input.detected.mimeType, title: page.title,
                                         body: collector.finishedText)
        document.metadata.author = page.meta["Author"]
        document.metadata.subject = page.meta["Subject"]
        document.metadata.keywords = page.meta["Keywords"]
        document.metadata.created = page.meta["CreationDate"]
        document.metadata.modified = page.meta["ModDate"]
        document.metadata.pageCount = output.truncated ? nil : page.body.utf8.count { $0 == 0x0C }
        document.problem = collector.problem
            ?? (output.truncated ? ExtractionFailure(.partial, "pdftotext output cut at the text limit") : nil)
        return document
    }

    private func failure(_ output: HelperOutput) -> ExtractionFailure? {
        if output.exitStatus == 0 || output.truncated { return nil }
        let said = output.stderr.split(separator: "\n").last.map(String.init) ?? ""
        if said.contains("password") || output.exitStatus == 3 {
            return ExtractionFailure(.encrypted, "PDF is password-protected")
        }
        guard output.exitStatus != nil else {
            return ExtractionFailure(.corrupt, "pdftotext crashed or ran out of its memory or CPU limit")
        }
        return ExtractionFailure(.corrupt, "pdftotext could not read this PDF" + (said.isEmpty ? "" : ": \(said)"))
    }
}

/// The page `pdftotext -htmlmeta` writes: a head of `<meta name= content=>` lines, then
/// the text, HTML-escaped, inside `<pre>`.
struct HTMLMetaPage {
    var title: String?
    var meta: [String: String] = [:]
    var body = ""

    init(_ html: String) {
        let bodyStart = html.firstRange(of: "<pre>")
        let head = bodyStart.map { html[..<$0.lowerBound] } ?? html[...]
        for line in head.split(separator: "\n") {
            if line.hasPrefix("<title>"), let end = line.firstRange(of: "</title>") {
                let value = HTMLEntities.decode(String(line[line.index(line.startIndex, offsetBy: 7)..<end.lowerBound]))
                title = value.isEmpty ? nil : value
            } else if line.hasPrefix("<meta name=\""), let name = line.dropFirst(12).split(separator: "\"").first,
                      let content = line.firstRange(of: "content=\""), line.hasSuffix("\"/>") {
                let value = line[content.upperBound..<line.index(line.endIndex, offsetBy: -3)]
                meta[String(name)] = HTMLEntities.decode(String(value))
            }
        }
        guard let bodyStart else { return }
        var text = html[bodyStart.upperBound...]
        if text.hasPrefix("\n") { text = text.dropFirst() }
        if let end = text.ranges(of: "</pre>").last { text = text[..<end.lowerBound] }
        body = HTMLEntities.decode(String(text))
    }
}
