import HDriveCore

/// One format hdrive reads: which detected MIME types it takes and who reads them.
struct FormatRoute: Sendable {
    var fileType: FileType
    var mimeTypes: Set<String>
    /// For families such as source code ("text/x-c", "text/x-shellscript").
    var mimePrefixes: [String] = []
    var extractor: any FormatExtractor
    /// False for formats a helper program reads from the file itself: then the file is never
    /// copied into memory.
    var readsWholeFile = true
}

/// The map from detected type to extractor, as data in one place (Recoll's mimemap).
/// A new format is a row here (and, if its extension is common, a row in `extensions`).
enum FormatTable {
    static let routes: [FormatRoute] = [
        FormatRoute(fileType: .text, mimeTypes: MIME.plainText, mimePrefixes: ["text/x-"], extractor: PlainTextExtractor()),
        FormatRoute(fileType: .odt, mimeTypes: MIME.odf("text"), extractor: ODFExtractor()),
        FormatRoute(fileType: .ods, mimeTypes: MIME.odf("spreadsheet"), extractor: ODFExtractor()),
        FormatRoute(fileType: .odp, mimeTypes: MIME.odf("presentation"), extractor: ODFExtractor()),
        FormatRoute(fileType: .odg, mimeTypes: MIME.odf("graphics"), extractor: ODFExtractor()),
        FormatRoute(fileType: .docx, mimeTypes: MIME.wordprocessing, extractor: DOCXExtractor()),
        FormatRoute(fileType: .xlsx, mimeTypes: MIME.spreadsheets, extractor: XLSXExtractor()),
        FormatRoute(fileType: .pptx, mimeTypes: MIME.presentations, extractor: PPTXExtractor()),
        FormatRoute(fileType: .pdf, mimeTypes: [MIME.pdf], extractor: PDFExtractor(), readsWholeFile: false),
        FormatRoute(fileType: .doc, mimeTypes: [MIME.msWord], extractor: HelperTextExtractor.word),
        FormatRoute(fileType: .xls, mimeTypes: [MIME.msExcel], extractor: XLSExtractor()),
        FormatRoute(fileType: .ppt, mimeTypes: [MIME.msPowerPoint], extractor: PPTExtractor()),
        FormatRoute(fileType: .msg, mimeTypes: [MIME.outlookMessage], extractor: MSGExtractor()),
        FormatRoute(fileType: .email, mimeTypes: ["message/rfc822"], extractor: EmailExtractor(isMailbox: false)),
        FormatRoute(fileType: .mbox, mimeTypes: ["application/mbox"], extractor: EmailExtractor(isMailbox: true)),
        FormatRoute(fileType: .html, mimeTypes: ["text/html", "application/xhtml+xml"], extractor: HTMLExtractor()),
        FormatRoute(fileType: .xml, mimeTypes: ["text/xml", "application/xml"], extractor: XMLTextExtractor()),
        FormatRoute(fileType: .epub, mimeTypes: ["application/epub+zip"], extractor: EPUBExtractor()),
        FormatRoute(fileType: .archive, mimeTypes: [MIME.zip, "application/x-zip-compressed"], extractor: ZipArchiveExtractor()),
        FormatRoute(fileType: .archive, mimeTypes: ["application/gzip", "application/x-gzip"], extractor: GzipExtractor()),
        FormatRoute(fileType: .rtf, mimeTypes: ["text/rtf", "application/rtf"], extractor: RTFExtractor()),
    ]

    static func route(for mimeType: String) -> FormatRoute? {
        routes.first { $0.mimeTypes.contains(mimeType) }
            ?? routes.first { route in route.mimePrefixes.contains { mimeType.hasPrefix($0) } }
    }

    /// What a common extension promises, and which first bytes keep that promise. Containers
    /// (ZIP, compound files) are looked into whatever their name; for the rest, a file whose
    /// bytes agree with its extension skips libmagic.
    static let extensions: [String: (mimeType: String, accepts: Set<Sniff>)] = {
        var table: [String: (mimeType: String, accepts: Set<Sniff>)] = [:]
        for ext in ["txt", "text", "log", "ini", "cfg", "conf", "srt", "json", "yaml", "yml", "sql", "sh", "py",
                    "swift", "c", "h", "java", "js", "css"] {
            table[ext] = ("text/plain", [.text])
        }
        for ext in ["md", "markdown"] { table[ext] = ("text/markdown", [.text, .html, .xml]) }
        for ext in ["html", "htm", "xhtml"] { table[ext] = ("text/html", [.text, .html, .xml]) }
        table["xml"] = ("application/xml", [.xml])
        table["eml"] = ("message/rfc822", [.text])
        table["mbox"] = ("application/mbox", [.text])
        table["csv"] = ("text/csv", [.text])
        table["tsv"] = ("text/tab-separated-values", [.text])
        table["pdf"] = (MIME.pdf, [.pdf])
        table["rtf"] = ("text/rtf", [.rtf])
        return table
    }()

    /// Office Open XML extensions: such a file in a compound file is an encrypted package.
    static let officeOpenXMLExtensions: Set<String> = ["docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "xltx",
                                                       "pptx", "pptm", "ppsx"]

    /// Within one format, the extension only tells which flavour to report.
    static let flavourByExtension: [String: String] = [
        "docm": "application/vnd.ms-word.document.macroEnabled.12",
        "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
        "dotm": "application/vnd.ms-word.template.macroEnabled.12",
        "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
        "xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
        "xltm": "application/vnd.ms-excel.template.macroEnabled.12",
        "pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
        "ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
        "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.12",
        "potx": "application/vnd.openxmlformats-officedocument.presentationml.template",
    ]
}

/// MIME type names used in more than one place.
enum MIME {
    static let pdf = "application/pdf"
    static let zip = "application/zip"
    static let wordDocument = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let presentation = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    static let msWord = "application/msword"
    static let msExcel = "application/vnd.ms-excel"
    static let msPowerPoint = "application/vnd.ms-powerpoint"
    static let outlookMessage = "application/vnd.ms-outlook"
    static let odfPrefix = "application/vnd.oasis.opendocument."

    static let plainText: Set<String> = ["text/plain", "text/csv", "text/tab-separated-values", "text/troff", "text/markdown",
                                         "application/x-subrip", "application/json", "application/x-empty",
                                         "inode/x-empty"]
    static let wordprocessing: Set<String> = [wordDocument, "application/vnd.ms-word.document.macroEnabled.12",
                                              "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
                                              "application/vnd.ms-word.template.macroEnabled.12"]

    static let spreadsheets: Set<String> = [spreadsheet, "application/vnd.ms-excel.sheet.macroEnabled.12",
                                            "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
                                            "application/vnd.ms-excel.template.macroEnabled.12"]
    static let presentations: Set<String> = [presentation, "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
                                             "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
                                             "application/vnd.openxmlformats-officedocument.presentationml.template",
                                             "application/vnd.ms-powerpoint.slideshow.macroEnabled.12"]

    /// An ODF kind ("text") as packaged, as a template, and as flat XML.
    static func odf(_ kind: String) -> Set<String> {
        [odfPrefix + kind, odfPrefix + kind + "-template", odfPrefix + kind + "-flat-xml"]
    }
}
