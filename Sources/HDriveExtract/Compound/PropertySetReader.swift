import HDriveCore

/// The document properties every legacy Office file keeps in its `\u{5}SummaryInformation`
/// stream (an OLE property set): title, subject, author, keywords, dates, page count.
enum PropertySetReader {
    struct Summary {
        var title: String?
        var subject: String?
        var author: String?
        var keywords: String?
        var lastAuthor: String?
        var created: String?
        var modified: String?
        var pageCount: Int?

        func apply(to document: inout ExtractedDocument) {
            document.title = document.title ?? title
            document.metadata.subject = document.metadata.subject ?? subject
            document.metadata.author = document.metadata.author ?? author
            document.metadata.keywords = document.metadata.keywords ?? keywords
            document.metadata.lastModifiedBy = document.metadata.lastModifiedBy ?? lastAuthor
            document.metadata.created = document.metadata.created ?? created
            document.metadata.modified = document.metadata.modified ?? modified
            document.metadata.pageCount = document.metadata.pageCount ?? pageCount
        }
    }

    /// Whatever of the summary can be read; a damaged property set gives an empty summary.
    static func summary(of file: CompoundFile) -> Summary {
        guard let bytes = try? file.read("\u{5}SummaryInformation") else { return Summary() }
        let data = LittleEndianBytes(bytes: bytes)
        guard data.u16(0) == 0xFFFE, let sets = data.u32(24), sets >= 1, let section = data.u32(44).map(Int.init),
              let count = data.u32(section + 4) else { return Summary() }
        var properties: [UInt32: Int] = [:]
        for slot in 0..<min(Int(count), 256) {
            guard let id = data.u32(section + 8 + 8 * slot), let offset = data.u32(section + 12 + 8 * slot) else { break }
            properties[id] = section + Int(offset)
        }
        let codePage = properties[1].flatMap { data.u16($0 + 4) } ?? 1252
        func string(_ id: UInt32) -> String? {
            guard let offset = properties[id] else { return nil }
            let value = PropertyValue.string(data, at: offset, codePage: codePage)?.trimmingCharactersInWhitespace()
            return value?.isEmpty == false ? value : nil
        }
        func date(_ id: UInt32) -> String? {
            guard let offset = properties[id], data.u32(offset) == 0x40, let ticks = data.u64(offset + 4) else { return nil }
            return FileTime.iso8601(ticks)
        }
        var summary = Summary(title: string(2), subject: string(3), author: string(4), keywords: string(5),
                              lastAuthor: string(8), created: date(12), modified: date(13))
        if let offset = properties[14], data.u32(offset) == 3, let pages = data.u32(offset + 4), pages > 0 {
            summary.pageCount = Int(pages)
        }
        return summary
    }
}

/// Typed values in OLE property sets and MSG property streams.
enum PropertyValue {
    /// A VT_LPSTR (8-bit, in the set's code page) or VT_LPWSTR (UTF-16LE) at `offset`.
    static func string(_ data: LittleEndianBytes, at offset: Int, codePage: UInt16) -> String? {
        guard let type = data.u32(offset), let length = data.u32(offset + 4).map(Int.init) else { return nil }
        switch type {
        case 0x1E:
            guard let bytes = data.slice(offset + 8, length: min(length, data.count)) else { return nil }
            return decode8Bit(Array(bytes.prefix { $0 != 0 }), codePage: codePage)
        case 0x1F:
            guard let bytes = data.slice(offset + 8, length: min(2 * length, data.count)) else { return nil }
            return utf16(Array(bytes)).replacing("\0", with: "")
        default:
            return nil
        }
    }

    static func decode8Bit(_ bytes: [UInt8], codePage: UInt16) -> String {
        if codePage == 1200 { return utf16(bytes) }
        if codePage == 65001, let text = String(validating: bytes, as: UTF8.self) { return text }
        return Windows1252.decode(bytes)
    }

    static func utf16(_ bytes: [UInt8]) -> String {
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        return String(decoding: units, as: UTF16.self)
    }
}

/// Windows FILETIME: 100-nanosecond ticks since 1601-01-01 UTC.
enum FileTime {
    static func iso8601(_ ticks: UInt64) -> String? {
        let seconds = Int64(ticks / 10_000_000) - 11_644_473_600
        guard ticks > 0, seconds < 100_000_000_000 else { return nil }
        return CivilDate.iso8601(unixSeconds: seconds)
    }
}
