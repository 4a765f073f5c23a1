import HDriveCore

/// Looks inside ZIP and compound files, whose own type says little: the parts they hold
/// tell an OOXML or ODF document from a plain archive, and Word from Excel from Outlook.
struct ContainerDetector {
    let configuration: ExtractConfiguration

    func zip(_ bytes: [UInt8], fileExtension: String) -> Detection {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, maxEntries: configuration.maxArchiveEntries)
        } catch {
            return Detection(type: type(MIME.zip), failure: error)
        }
        return Detection(type: type(zipMimeType(archive, fileExtension: fileExtension)), archive: archive)
    }

    func compound(_ bytes: [UInt8], fileExtension: String) -> Detection {
        let file: CompoundFile
        do {
            file = try CompoundFile(bytes: bytes)
        } catch {
            return Detection(type: type("application/x-ole-storage"), failure: error)
        }
        var detection = Detection(type: type(compoundMimeType(file)), compound: file)
        // Password-protected OOXML (and ODF saved by Office) is a compound file holding the
        // encrypted package.
        if file.entry("EncryptedPackage") != nil {
            let what = FormatTable.officeOpenXMLExtensions.contains(fileExtension) ? "Office document" : "file"
            detection.failure = ExtractionFailure(.encrypted, "\(what) is password-protected")
        }
        return detection
    }

    private func type(_ mimeType: String) -> DetectedType {
        DetectedType(mimeType: mimeType, fileType: FormatTable.route(for: mimeType)?.fileType ?? .other)
    }

    private func zipMimeType(_ archive: ZipArchive, fileExtension: String) -> String {
        // ODF, EPUB and friends store their MIME type, uncompressed, as the entry "mimetype".
        if let entry = archive.entry(named: "mimetype"), entry.uncompressedSize <= 256,
           let data = try? archive.read(entry, limits: InflateLimits(configuration)),
           let text = String(validating: data, as: UTF8.self)?.trimmingCharactersInWhitespace(),
           !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return text
        }
        guard archive.entry(named: "[Content_Types].xml") != nil else { return MIME.zip }
        let families = [("word/document.xml", MIME.wordDocument, MIME.wordprocessing),
                        ("xl/workbook.xml", MIME.spreadsheet, MIME.spreadsheets),
                        ("ppt/presentation.xml", MIME.presentation, MIME.presentations)]
        for (mainPart, mimeType, flavours) in families where archive.entry(named: mainPart) != nil {
            // The extension picks the flavour (macro-enabled, template) only within the family.
            let flavour = FormatTable.flavourByExtension[fileExtension]
            return flavour.map(flavours.contains) == true ? flavour! : mimeType
        }
        return MIME.zip
    }

    private func compoundMimeType(_ file: CompoundFile) -> String {
        if file.entry("WordDocument") != nil { return MIME.msWord }
        if file.entry("Workbook") != nil || file.entry("Book") != nil { return MIME.msExcel }
        if file.entry("PowerPoint Document") != nil { return MIME.msPowerPoint }
        if file.entry("__properties_version1.0") != nil { return MIME.outlookMessage }
        return "application/x-ole-storage"
    }
}
