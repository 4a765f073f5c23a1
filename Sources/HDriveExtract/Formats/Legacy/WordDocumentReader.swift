import HDriveCore

/// The text of a Word 97-2003 file, in-process, for when antiword cannot read it (or is not
/// installed): the piece table in the table stream's CLX says which runs of the WordDocument
/// stream hold the text, each as cp1252 bytes or UTF-16. Field codes are dropped, field
/// results kept; Word's control characters become line breaks and tabs. Word 6/95 files
/// without fast-save are read from their single text run. No list numbers: those need the
/// list tables, which is what antiword is for.
enum WordDocumentReader {
    static func text(_ file: CompoundFile, limit: Int) throws(ExtractionFailure) -> String {
        guard let stream = try file.read("WordDocument") else { throw corrupt("Word file has no WordDocument stream") }
        let fib = LittleEndianBytes(bytes: stream)
        guard fib.u16(0) == 0xA5EC, let nFib = fib.u16(2), let flags = fib.u16(0x0A) else {
            throw corrupt("Word file header is damaged")
        }
        if nFib < 0xC1 {
            // Word 6/95: one run of cp1252 text from fcMin to fcMac, unless saved with fast-save.
            guard flags & 0x0004 == 0, let start = fib.u32(0x18).map(Int.init), let end = fib.u32(0x1C).map(Int.init),
                  let bytes = fib.slice(start, length: max(0, min(end, stream.count) - start)) else {
                throw ExtractionFailure(.unsupported, "fast-saved Word 6/95 files are not supported")
            }
            return clean(Windows1252.decode(bytes.prefix(limit)))
        }
        let table = try file.read(flags & 0x0200 != 0 ? "1Table" : "0Table") ?? []
        guard let (offset, length) = clxLocation(fib), let clx = LittleEndianBytes(bytes: table).slice(offset, length: length) else {
            throw corrupt("Word file has no piece table")
        }
        var text = ""
        for piece in try pieces(Array(clx)) where text.utf8.count < limit {
            let count = piece.end - piece.start
            if piece.compressed, let bytes = fib.slice(piece.offset, length: count) {
                text += Windows1252.decode(bytes)
            } else if !piece.compressed, let bytes = fib.slice(piece.offset, length: 2 * count) {
                text += PropertyValue.utf16(Array(bytes))
            }
        }
        return clean(text)
    }

    /// fcClx and lcbClx: pair 33 of FibRgFcLcb, after the variable-length FibRgW and FibRgLw.
    private static func clxLocation(_ fib: LittleEndianBytes) -> (Int, Int)? {
        guard let wordCount = fib.u16(32) else { return nil }
        let longCountOffset = 34 + 2 * Int(wordCount)
        guard let longCount = fib.u16(longCountOffset) else { return nil }
        let pairs = longCountOffset + 2 + 4 * Int(longCount) + 2
        guard let offset = fib.u32(pairs + 33 * 8), let length = fib.u32(pairs + 33 * 8 + 4), length > 0 else { return nil }
        return (Int(offset), Int(length))
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
