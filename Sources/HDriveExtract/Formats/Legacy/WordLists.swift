import HDriveCore

/// List labels of a Word 97-2003 file, counted as Word shows them. The table stream holds the
/// list definitions (PlfLst: per list, levels with a start, a number format and a label
/// pattern) and the instances paragraphs point at (PlfLfo: a list plus start overrides).
/// A damaged table leaves the lists empty: the text is still read, without labels.
struct WordLists {
    private struct Level {
        var start = 1
        var format = "decimal"
        /// The label as UTF-16 with a level number (0-8) wherever that level's count goes.
        var pattern: [UInt16] = []
        /// 1-based positions of the level numbers in `pattern`.
        var placeholders: [Int] = []
        /// "Legal" numbering shows every level's count as a decimal.
        var legal = false
    }

    private var lists: [UInt32: [Level]] = [:]
    /// Per instance (ilfo - 1): its list and the levels it restarts, with their start.
    private var instances: [(list: UInt32, starts: [Int: Int])] = []
    private var counters = ListCounters()
    private var started: Set<Int> = []

    init(fib: WordFIB, table: LittleEndianBytes) {
        if let (offset, _) = fib.location(73) { readLists(table, at: offset) }
        if let (offset, _) = fib.location(74) { readInstances(table, at: offset) }
    }

    /// The label of the next paragraph of instance `ilfo` (1-based) at `level`.
    mutating func nextLabel(ilfo: Int, level: Int) -> String? {
        guard instances.indices.contains(ilfo - 1), (0..<ListCounters.levels).contains(level) else { return nil }
        let instance = instances[ilfo - 1]
        guard let levels = lists[instance.list], levels.indices.contains(level) else { return nil }
        let restart = started.insert(ilfo).inserted ? Array(instance.starts.keys) : []
        let numbers = counters.advance(String(instance.list), level: level, restart: restart) { shown in
            instance.starts[shown] ?? (levels.indices.contains(shown) ? levels[shown].start : 1)
        }
        let shown = levels[level]
        guard shown.format != "bullet", shown.format != "none", !shown.pattern.isEmpty else { return nil }
        var label = ""
        for (position, unit) in shown.pattern.enumerated() {
            if shown.placeholders.contains(position + 1), Int(unit) < numbers.count {
                let format = shown.legal || !levels.indices.contains(Int(unit)) ? "decimal" : levels[Int(unit)].format
                label += ListNumberFormat.format(numbers[Int(unit)], as: format)
            } else {
                label += String(decoding: [unit], as: UTF16.self)
            }
        }
        return label.trimmingCharactersInWhitespace().isEmpty ? nil : label
    }

    /// PlfLst: a count, that many 28-byte LSTFs, then the levels of each list in order
    /// (one for a simple list, nine otherwise), right after the array.
    private mutating func readLists(_ table: LittleEndianBytes, at offset: Int) {
        guard let count = table.u16(offset).map(Int.init) else { return }
        var levelOffset = offset + 2 + 28 * count
        for index in 0..<count {
            let header = offset + 2 + 28 * index
            guard let id = table.u32(header), let flags = table.slice(header + 26, length: 1)?.first else { return }
            var levels: [Level] = []
            for _ in 0..<(flags & 0x01 != 0 ? 1 : ListCounters.levels) {
                guard let (level, next) = WordLists.level(table, at: levelOffset) else { return }
                levels.append(level)
                levelOffset = next
            }
            lists[id] = levels
        }
    }

    /// An LVL: the 28-byte LVLF, its paragraph and character properties, then the label.
    private static func level(_ table: LittleEndianBytes, at offset: Int) -> (Level, Int)? {
        guard let start = table.u32(offset), let fixed = table.slice(offset, length: 28) else { return nil }
        let bytes = Array(fixed)
        let textOffset = offset + 28 + Int(bytes[24]) + Int(bytes[25])
        guard let length = table.u16(textOffset).map(Int.init), let text = table.slice(textOffset + 2, length: 2 * length) else {
            return nil
        }
        var level = Level()
        level.start = Int(Int32(bitPattern: start))
        level.format = WordLists.format(bytes[4])
        level.legal = bytes[5] & 0x04 != 0
        level.pattern = stride(from: text.startIndex, to: text.endIndex, by: 2).map { UInt16(text[$0]) | UInt16(text[$0 + 1]) << 8 }
        level.placeholders = Array(bytes[6..<15].prefix { $0 != 0 }.map(Int.init))
        return (level, textOffset + 2 + 2 * length)
    }

    /// PlfLfo: a count, that many 16-byte LFOs (list id, number of overrides), then per LFO
    /// a 4-byte cp and its overrides (8 bytes each, plus a whole LVL when it reformats).
    private mutating func readInstances(_ table: LittleEndianBytes, at offset: Int) {
        guard let count = table.u32(offset).map(Int.init), count < 65_536 else { return }
        var data = offset + 4 + 16 * count
        for index in 0..<count {
            let header = offset + 4 + 16 * index
            guard let id = table.u32(header), let overrides = table.slice(header + 12, length: 1)?.first else { return }
            var starts: [Int: Int] = [:]
            data += 4
            for _ in 0..<overrides {
                guard let start = table.u32(data), let flags = table.u32(data + 4) else { return }
                data += 8
                if flags & 0x10 != 0 { starts[Int(flags & 0x0F)] = Int(Int32(bitPattern: start)) }
                if flags & 0x20 != 0 {
                    guard let (level, next) = WordLists.level(table, at: data) else { return }
                    if flags & 0x10 == 0 { starts[Int(flags & 0x0F)] = level.start }
                    data = next
                }
            }
            instances.append((id, starts))
        }
    }

    /// MS-DOC's number formats (nfc) as WordprocessingML names them.
    private static func format(_ nfc: UInt8) -> String {
        switch nfc {
        case 1: "upperRoman"
        case 2: "lowerRoman"
        case 3: "upperLetter"
        case 4: "lowerLetter"
        case 22: "decimalZero"
        case 23: "bullet"
        case 255: "none"
        default: "decimal"
        }
    }
}
