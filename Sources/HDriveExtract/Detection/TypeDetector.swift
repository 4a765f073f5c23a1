import HDriveCore

/// What detection learned about a file, including the opened container so that it is read once.
struct Detection {
    var type: DetectedType
    var archive: ZipArchive?
    var compound: CompoundFile?
    /// Set when the container is broken or locked; extraction reports this instead.
    var failure: ExtractionFailure?
}

/// Decides what a file is from its content. Containers are looked into (ODF's `mimetype`
/// entry, OOXML's parts, a compound file's streams); other files are judged by their first
/// bytes and their extension, and libmagic is asked only when those disagree or the
/// extension is unknown.
struct TypeDetector: Sendable {
    let magic: MagicDatabase
    let configuration: ExtractConfiguration

    /// `prefix` is the start of the file; `whole` reads all of it, for containers.
    func detect(prefix: [UInt8], fileExtension: String,
                whole: () throws(ExtractionFailure) -> [UInt8]) -> Detection {
        let sniff = ContentSniffer.sniff(prefix)
        do {
            switch sniff {
            case .zip: return ContainerDetector(configuration: configuration).zip(try whole(), fileExtension: fileExtension)
            case .compound: return ContainerDetector(configuration: configuration).compound(try whole(), fileExtension: fileExtension)
            default: break
            }
        } catch {
            return Detection(type: type(for: sniff == .zip ? MIME.zip : "application/x-ole-storage"), failure: error)
        }
        if let mimeType = Self.signatureTypes[sniff] { return Detection(type: type(for: mimeType)) }
        if let promise = FormatTable.extensions[fileExtension], promise.accepts.contains(sniff) {
            return Detection(type: type(for: promise.mimeType))
        }
        if sniff == .xml, let flat = flatODFMimeType(prefix) {
            return Detection(type: type(for: flat))
        }
        return Detection(type: type(for: magicMimeType(prefix, fileExtension: fileExtension)))
    }

    /// Signatures that settle the type whatever the name says.
    private static let signatureTypes: [Sniff: String] = [.pdf: MIME.pdf, .rtf: "text/rtf", .gzip: "application/gzip"]

    func type(for mimeType: String) -> DetectedType {
        DetectedType(mimeType: mimeType, fileType: FormatTable.route(for: mimeType)?.fileType ?? .other)
    }

    private func magicMimeType(_ prefix: [UInt8], fileExtension: String) -> String {
        let mimeType = magic.mimeType(of: prefix.prefix(configuration.detectionPrefixBytes))
        if mimeType == "application/octet-stream", FormatTable.extensions[fileExtension]?.accepts.contains(.text) == true {
            return "text/plain"  // e.g. UTF-16 without BOM; the text decoder still refuses binary
        }
        return mimeType
    }

    /// A flat ODF document names its type on the root element, near the top.
    private func flatODFMimeType(_ prefix: [UInt8]) -> String? {
        let head = prefix.prefix(16 * 1024)
        for kind in ["text", "spreadsheet", "presentation", "graphics"] {
            let marker = Array("office:mimetype=\"\(MIME.odfPrefix)\(kind)\"".utf8)
            if ContentSniffer.contains(marker, in: head) { return MIME.odfPrefix + kind + "-flat-xml" }
        }
        return nil
    }
}
