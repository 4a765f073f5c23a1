import HDriveCore

/// The properties of one MAPI object (the message, or one attachment storage).
struct MAPIProperties {
    let file: CompoundFile
    let storage: String

    private func stream(_ id: String, _ type: String) -> [UInt8]? {
        let name = "__substg1.0_\(id)\(type)"
        return try? file.read(storage.isEmpty ? name : "\(storage)/\(name)")
    }

    func string(_ id: String) -> String? {
        if let units = stream(id, "001F") { return PropertyValue.utf16(units).replacing("\0", with: "") }
        guard let bytes = stream(id, "001E") else { return nil }
        let text = Array(bytes.prefix { $0 != 0 })
        return String(validating: text, as: UTF8.self) ?? Windows1252.decode(text)
    }

    func bytes(_ id: String) -> [UInt8]? {
        stream(id, "0102") ?? stream(id, "001E") ?? stream(id, "001F").map { Array(PropertyValue.utf16($0).utf8) }
    }

    /// A PT_SYSTIME property, from the fixed-size entries of `__properties_version1.0`
    /// (a 32-byte header on the message, then 16 bytes per property: tag, flags, value).
    func date(_ id: String) -> String? {
        guard let tagID = UInt32(id, radix: 16), let stream = try? file.read("__properties_version1.0") else { return nil }
        let data = LittleEndianBytes(bytes: stream)
        var offset = 32
        while let tag = data.u32(offset) {
            if tag == tagID << 16 | 0x0040, let ticks = data.u64(offset + 8) { return FileTime.iso8601(ticks) }
            offset += 16
        }
        return nil
    }
}
