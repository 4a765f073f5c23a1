import HDriveCore

/// One format hdrive reads: which detected MIME types it takes and who reads them.
struct FormatRoute: Sendable {
    var fileType: FileType
    var mimeTypes: Set<String>
    /// For families such as source code ("text/x-c", "text/x-shellscript").
    var mimePrefixes: [String] = []
    var extractor: any FormatExtractor
}

/// The map from detected type to extractor, as data in one place (Recoll's mimemap).
/// A new format is a new row here plus its extractor.
enum FormatTable {
    static let wordprocessingML = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let odfText = "application/vnd.oasis.opendocument.text"

    static let routes: [FormatRoute] = [
        FormatRoute(fileType: .text,
                    mimeTypes: ["text/plain", "text/csv", "text/tab-separated-values", "text/markdown",
                                "text/troff", "application/x-subrip", "application/json", "application/x-empty", "inode/x-empty"],
                    mimePrefixes: ["text/x-"],
                    extractor: PlainTextExtractor()),
        FormatRoute(fileType: .odt,
                    mimeTypes: [odfText, odfText + "-template", ODFTextExtractor.flatMimeType],
                    extractor: ODFTextExtractor()),
        FormatRoute(fileType: .docx,
                    mimeTypes: [wordprocessingML, "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
                                "application/vnd.ms-word.document.macroEnabled.12",
                                "application/vnd.ms-word.template.macroEnabled.12"],
                    extractor: DOCXExtractor()),
    ]

    static func route(for mimeType: String) -> FormatRoute? {
        routes.first { $0.mimeTypes.contains(mimeType) }
            ?? routes.first { route in route.mimePrefixes.contains { mimeType.hasPrefix($0) } }
    }

    /// Extensions that say "plain text" when libmagic only says "some bytes".
    static let textExtensions: Set<String> = ["txt", "text", "csv", "tsv", "log", "md", "ini", "cfg"]

    /// Office Open XML extensions: such a file in an OLE container is an encrypted package.
    static let officeOpenXMLExtensions: Set<String> = ["docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "pptx", "pptm"]

    /// WordprocessingML is one format; the extension only tells which flavour to report.
    static let wordMimeByExtension: [String: String] = [
        "docm": "application/vnd.ms-word.document.macroEnabled.12",
        "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
        "dotm": "application/vnd.ms-word.template.macroEnabled.12",
    ]
}
