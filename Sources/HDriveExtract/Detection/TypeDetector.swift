import HDriveCore

/// What detection learned about a file, including the opened archive so that it is read once.
struct Detection {
    var type: DetectedType
    var archive: ZipArchive?
    /// Set when the container is broken or locked; extraction reports this instead.
    var failure: ExtractionFailure?
}

/// Decides what a file is from its content: libmagic, plus our own look inside ZIP containers
/// (ODF's `mimetype` entry, OOXML's parts). The extension is only a hint, used to pick a
/// flavour or when libmagic has no opinion.
struct TypeDetector: Sendable {
    let magic: MagicDatabase
    let configuration: ExtractConfiguration

    func detect(_ bytes: [UInt8], fileExtension: String) -> Detection {
        if ZipArchive.looksLikeZip(bytes) { return detectContainer(bytes, fileExtension: fileExtension) }
        let prefix = bytes.prefix(configuration.detectionPrefixBytes)
        var mimeType = magic.mimeType(of: prefix)
        if mimeType.hasSuffix("/xml"), isFlatODFText(prefix) {
            mimeType = ODFTextExtractor.flatMimeType
        } else if mimeType == "application/octet-stream", FormatTable.textExtensions.contains(fileExtension) {
            mimeType = "text/plain"  // e.g. UTF-16 without BOM; the text decoder still refuses binary
        }
        var detection = Detection(type: type(for: mimeType))
        // Password-protected OOXML is an OLE container, which libmagic labels either way.
        if mimeType == "application/encrypted"
            || (mimeType == "application/x-ole-storage" && FormatTable.officeOpenXMLExtensions.contains(fileExtension)) {
            detection.failure = ExtractionFailure(.encrypted, "file is password-protected")
        }
        return detection
    }

    private func type(for mimeType: String) -> DetectedType {
        DetectedType(mimeType: mimeType, fileType: FormatTable.route(for: mimeType)?.fileType ?? .other)
    }

    private func detectContainer(_ bytes: [UInt8], fileExtension: String) -> Detection {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, maxEntries: configuration.maxArchiveEntries)
        } catch {
            return Detection(type: type(for: "application/zip"), failure: error)
        }
        let mimeType = containerMimeType(archive, fileExtension: fileExtension)
        return Detection(type: type(for: mimeType), archive: archive)
    }

    private func containerMimeType(_ archive: ZipArchive, fileExtension: String) -> String {
        // ODF, EPUB and friends store their MIME type, uncompressed, as the entry "mimetype".
        if let entry = archive.entry(named: "mimetype"), entry.uncompressedSize <= 256,
           let data = try? archive.read(entry, limits: InflateLimits(configuration)),
           let text = String(validating: data, as: UTF8.self)?.trimmingCharactersInWhitespace(),
           !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return text
        }
        if archive.entry(named: "[Content_Types].xml") != nil {
            if archive.entry(named: "word/document.xml") != nil {
                return FormatTable.wordMimeByExtension[fileExtension] ?? FormatTable.wordprocessingML
            }
            if archive.entry(named: "xl/workbook.xml") != nil {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            if archive.entry(named: "ppt/presentation.xml") != nil {
                return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
        }
        return "application/zip"
    }

    /// A flat ODF text document names its type on the root element, near the top.
    private func isFlatODFText(_ prefix: ArraySlice<UInt8>) -> Bool {
        let marker = Array("office:mimetype=\"\(FormatTable.odfText)\"".utf8)
        let head = Array(prefix.prefix(16 * 1024))
        guard head.count >= marker.count else { return false }
        return (0...(head.count - marker.count)).contains { head[$0..<($0 + marker.count)].elementsEqual(marker) }
    }
}
