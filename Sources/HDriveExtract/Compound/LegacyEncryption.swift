import HDriveCore

/// Password protection in legacy Office files, found before any helper program is started,
/// so that it is reported as "encrypted" and not as a helper's obscure error.
enum LegacyEncryption {
    static func refuse(_ file: CompoundFile) throws(ExtractionFailure) {
        if file.entry("EncryptedSummary") != nil { throw locked("presentation") }
        if let word = try? file.read("WordDocument"), let flags = LittleEndianBytes(bytes: word).u16(0x0A),
           flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            throw locked("Word document")  // fEncrypted, or fObfuscated (XOR with a password)
        }
        if let book = (try? file.read("Workbook")) ?? (try? file.read("Book")), hasFilePass(book) {
            throw locked("workbook")
        }
    }

    /// A FILEPASS record comes right after the workbook's BOF, before any sheet record.
    private static func hasFilePass(_ stream: [UInt8]) -> Bool {
        let data = LittleEndianBytes(bytes: stream)
        var offset = 0
        for _ in 0..<64 {
            guard let type = data.u16(offset), let length = data.u16(offset + 2) else { return false }
            if type == 0x002F { return true }
            if type == 0x0085 { return false }  // BOUNDSHEET: past the globals' header
            offset += 4 + Int(length)
        }
        return false
    }

    private static func locked(_ what: String) -> ExtractionFailure {
        ExtractionFailure(.encrypted, "\(what) is password-protected")
    }
}
