import HDriveCore

/// The text of a Word 97-2003 file, in-process: the piece table in the table stream's CLX
/// says which runs of the WordDocument stream hold the text, each as cp1252 bytes or UTF-16.
/// Numbered paragraphs start with their label, counted from the list tables. Field codes are
/// dropped, field results kept; Word's control characters become line breaks and tabs.
/// Word 6/95 files without fast-save are read from their single text run.
enum WordDocumentReader {
    static func text(_ file: CompoundFile, limit: Int) throws(ExtractionFailure) -> String {
        guard let stream = try file.read("WordDocument") else { throw corrupt("Word file has no WordDocument stream") }
        let data = LittleEndianBytes(bytes: stream)
        // wIdent: 0xA5EC from Word 97 on, 0xA5DC for Word 6 and 95.
        guard let ident = data.u16(0), ident == 0xA5EC || ident == 0xA5DC, let nFib = data.u16(2),
              let flags = data.u16(0x0A) else {
            throw corrupt("Word file header is damaged")
        }
        if nFib < 0xC1 {
            // Word 6/95: one run of cp1252 text from fcMin to fcMac, unless saved with fast-save.
            guard flags & 0x0004 == 0, let start = data.u32(0x18).map(Int.init), let end = data.u32(0x1C).map(Int.init),
                  let bytes = data.slice(start, length: max(0, min(end, stream.count) - start)) else {
                throw ExtractionFailure(.unsupported, "fast-saved Word 6/95 files are not supported")
            }
            return clean(Windows1252.decode(bytes.prefix(limit)))
        }
        let table = LittleEndianBytes(bytes: try file.read(flags & 0x0200 != 0 ? "1Table" : "0Table") ?? [])
        let fib = WordFIB(data: data)
        guard let (offset, length) = fib.location(33), let clx = table.slice(offset, length: length) else {
            throw corrupt("Word file has no piece table")
        }
        let paragraphs = WordParagraphs(fib: fib, stream: data, table: table)
        var lists = WordLists(fib: fib, table: table)
        var text = ""
        var paragraph = String.UnicodeScalarView()
        for piece in try pieces(Array(clx)) where text.utf8.count < limit {
            let width = piece.compressed ? 1 : 2
            guard let bytes = data.slice(piece.offset, length: width * (piece.end - piece.start)) else { continue }
            let decoded = piece.compressed ? Windows1252.decode(bytes) : PropertyValue.utf16(Array(bytes))
            var position = piece.offset
            for scalar in decoded.unicodeScalars {
                paragraph.append(scalar)
                position += piece.compressed ? 1 : 2 * scalar.utf16.count
                // Paragraph, cell and section marks end a paragraph, whose properties say if it is numbered.
                guard scalar == "\r" || scalar == "\u{07}" || scalar == "\u{0C}" else { continue }
                if let list = paragraphs.listPosition(paragraphEndingAt: position - width),
                   let label = lists.nextLabel(ilfo: list.ilfo, level: list.level) {
                    text += label + " "
                }
                text.unicodeScalars.append(contentsOf: paragraph)
                paragraph.removeAll(keepingCapacity: true)
            }
        }
        text.unicodeScalars.append(contentsOf: paragraph)
        return clean(text)
    }

    private struct Piece {
        var start: Int
        var end: Int
        var offset: Int
        var compressed: Bool
    }

    /// The CLX: property runs (0x01) to skip, then the piece table (0x02): n+1 character
    /// positions, then n piece descriptors of 8 bytes whose bytes 2-5 locate the text.
    private static func pieces(_ clx: [UInt8]) throws(ExtractionFailure) -> [Piece] {
        let data = LittleEndianBytes(bytes: clx)
        var index = 0
        while index < clx.count && clx[index] == 0x01 {
            guard let size = data.u16(index + 1) else { break }
            index += 3 + Int(size)
        }
        guard index < clx.count, clx[index] == 0x02, let length = data.u32(index + 1).map(Int.init) else {
            throw corrupt("Word piece table is damaged")
        }
        let base = index + 5
        let count = (length - 4) / 12
        guard count > 0, count < 1_000_000, data.contains(base, length: 4 * (count + 1) + 8 * count) else {
            throw corrupt("Word piece table is damaged")
        }
        return (0..<count).compactMap { number in
            guard let start = data.u32(base + 4 * number), let end = data.u32(base + 4 * (number + 1)), end > start,
                  let raw = data.u32(base + 4 * (count + 1) + 8 * number + 2) else { return nil }
            let compressed = raw & 0x4000_0000 != 0
            let offset = compressed ? Int(raw & ~0x4000_0000) / 2 : Int(raw)
            return Piece(start: Int(start), end: Int(end), offset: offset, compressed: compressed)
        }
    }

    /// Word's special characters: paragraph and cell marks, fields (0x13 code 0x14 result
    /// 0x15), anchors of pictures and notes.
    static func clean(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var fields: [Bool] = []  // per open field: are we past its separator (in the result)?
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x13: fields.append(false)
            case 0x14: if !fields.isEmpty { fields[fields.count - 1] = true }
            case 0x15: _ = fields.popLast()
            default:
                guard fields.allSatisfy({ $0 }) else { continue }
                switch scalar.value {
                case 0x0D, 0x0B, 0x0C, 0x0E: out.append("\n")
                case 0x07, 0x09: out.append("\t")
                case 0x1E: out.append("-")
                case 0x00...0x1F: continue
                default: out.append(scalar)
                }
            }
        }
        return String(out)
    }
}
