import HDriveCore

/// The start of a Word 97-2003 WordDocument stream: FibBase, then variable-length FibRgW and
/// FibRgLw, then FibRgFcLcb, pairs of (offset, length) into the table stream.
struct WordFIB {
    let data: LittleEndianBytes

    /// Pair `index` of FibRgFcLcb (33 the piece table, 13 paragraph properties, 73 and 74 the
    /// lists); nil when the file has none.
    func location(_ index: Int) -> (Int, Int)? {
        guard let wordCount = data.u16(32) else { return nil }
        let longCountOffset = 34 + 2 * Int(wordCount)
        guard let longCount = data.u16(longCountOffset), let pairCount = data.u16(longCountOffset + 2 + 4 * Int(longCount)),
              index < pairCount else { return nil }
        let pair = longCountOffset + 2 + 4 * Int(longCount) + 2 + 8 * index
        guard let offset = data.u32(pair), let length = data.u32(pair + 4), length > 0 else { return nil }
        return (Int(offset), Int(length))
    }
}

/// Which list a paragraph belongs to, from its direct paragraph properties: the bin table
/// (PlcBtePapx) gives the 512-byte page (FKP) holding the properties of the paragraph that
/// ends at a stream offset, and those carry sprmPIlfo and sprmPIlvl.
struct WordParagraphs {
    private let stream: LittleEndianBytes
    private var limits: [Int] = []
    private var pages: [Int] = []

    init(fib: WordFIB, stream: LittleEndianBytes, table: LittleEndianBytes) {
        self.stream = stream
        guard let (offset, length) = fib.location(13), length >= 12 else { return }
        let count = (length - 4) / 8
        guard count < 1_000_000 else { return }
        limits = (0...count).compactMap { table.u32(offset + 4 * $0).map(Int.init) }
        pages = (0..<count).compactMap { table.u32(offset + 4 * (count + 1) + 4 * $0).map { Int($0 & 0x3F_FFFF) } }
        if limits.count != count + 1 || pages.count != count { limits = []; pages = [] }
    }

    /// (ilfo, ilvl) of the paragraph whose mark is at stream offset `fc`, when it is in a list.
    func listPosition(paragraphEndingAt fc: Int) -> (ilfo: Int, level: Int)? {
        guard let run = runIndex(of: fc, in: limits) else { return nil }
        let page = pages[run] * 512
        guard let crun = stream.slice(page + 511, length: 1)?.first.map(Int.init), crun > 0 else { return nil }
        let bounds = (0...crun).compactMap { stream.u32(page + 4 * $0).map(Int.init) }
        guard bounds.count == crun + 1, let entry = runIndex(of: fc, in: bounds),
              let offsetWords = stream.slice(page + 4 * (crun + 1) + 13 * entry, length: 1)?.first, offsetWords > 0,
              let size = stream.slice(page + 2 * Int(offsetWords), length: 2) else { return nil }
        // cb counts words: 2cb-1 bytes follow it, or 2cb' after a zero cb; the first two are the style.
        let first = size[size.startIndex], second = size[size.startIndex + 1]
        let (start, length) = first == 0 ? (page + 2 * Int(offsetWords) + 2, 2 * Int(second))
            : (page + 2 * Int(offsetWords) + 1, 2 * Int(first) - 1)
        guard length > 2, start + length <= page + 511 else { return nil }
        return WordParagraphs.list(in: stream, from: start + 2, to: start + length)
    }

    /// sprmPIlfo and sprmPIlvl among a paragraph's sprms; an ilfo of 0 means "no list".
    private static func list(in data: LittleEndianBytes, from start: Int, to end: Int) -> (ilfo: Int, level: Int)? {
        var offset = start
        var ilfo = 0
        var level = 0
        while offset + 2 <= end, let sprm = data.u16(offset) {
            let operand = offset + 2
            switch sprm {
            case 0x460B: ilfo = data.u16(operand).map { Int(Int16(bitPattern: $0)) } ?? 0
            case 0x260A: level = data.slice(operand, length: 1)?.first.map(Int.init) ?? 0
            default: break
            }
            guard let size = operandSize(sprm, in: data, at: operand) else { break }
            offset = operand + size
        }
        return ilfo > 0 ? (ilfo, level) : nil
    }

    /// Operand sizes by the sprm's spra bits; two variable-length sprms carry their own size.
    private static func operandSize(_ sprm: UInt16, in data: LittleEndianBytes, at offset: Int) -> Int? {
        switch sprm >> 13 {
        case 0, 1: return 1
        case 2, 4, 5: return 2
        case 3: return 4
        case 7: return 3
        default:
            if sprm == 0xD608 { return data.u16(offset).map { Int($0) + 1 } }  // sprmTDefTable
            guard let size = data.slice(offset, length: 1)?.first, !(sprm == 0xC615 && size == 255) else { return nil }
            return Int(size) + 1
        }
    }

    /// The run i with bounds[i] <= fc < bounds[i + 1], by binary search.
    private func runIndex(of fc: Int, in bounds: [Int]) -> Int? {
        guard bounds.count > 1, fc >= bounds[0], fc < bounds[bounds.count - 1] else { return nil }
        var low = 0, high = bounds.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if bounds[middle] <= fc { low = middle } else { high = middle }
        }
        return low
    }
}
