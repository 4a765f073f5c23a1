import HDriveCore

/// A Microsoft compound file (OLE2, "CFB"): the container of .doc, .xls, .ppt, .msg and of
/// password-protected OOXML. A small FAT file system inside one file: sectors chained by a
/// FAT, small streams in a mini stream with its own mini FAT, a red-black tree of names.
///
/// Every number comes from the file: chains are bounded by the sector count (no loops),
/// reads are bounds-checked, and the directory walk remembers what it visited.
struct CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    struct Entry {
        /// Storage names joined with "/" ("__attach_version1.0_#00000000/__substg1.0_3701000D").
        var path: String
        var isStream: Bool
        var startSector: UInt32
        var size: Int
    }

    private let sectors: SectorChains
    private let miniFat: [UInt32]
    private let miniStream: [UInt8]
    private let miniCutoff: Int
    let entries: [Entry]
    private let index: [String: Int]

    private static let maxEntries = 65_536

    init(bytes: [UInt8]) throws(ExtractionFailure) {
        let data = LittleEndianBytes(bytes: bytes)
        guard bytes.starts(with: CompoundFile.signature), let shift = data.u16(0x1E), shift == 9 || shift == 12,
              let fatCount = data.u32(0x2C), let directoryStart = data.u32(0x30),
              let cutoff = data.u32(0x38), let miniFatStart = data.u32(0x3C),
              let difatStart = data.u32(0x44), let difatCount = data.u32(0x48) else {
            throw corrupt("compound file header is damaged")
        }
        let sectorCount = max(0, (bytes.count >> Int(shift)) - 1)
        let fat = try CompoundFile.readFAT(data, shift: Int(shift), fatCount: Int(fatCount), difatStart: difatStart,
                                           difatCount: Int(difatCount), sectorCount: sectorCount)
        sectors = SectorChains(data: data, shift: Int(shift), fat: fat)
        miniCutoff = Int(cutoff)
        let directory = try sectors.bytes(from: directoryStart)
        var raw: [(name: String, type: UInt8, left: UInt32, right: UInt32, child: UInt32, start: UInt32, size: Int)] = []
        var offset = 0
        while offset + 128 <= directory.count && raw.count < CompoundFile.maxEntries {
            let entry = LittleEndianBytes(bytes: Array(directory[offset..<(offset + 128)]))
            let nameLength = min(Int(entry.u16(0x40) ?? 0), 64)
            let units = stride(from: 0, to: max(nameLength - 2, 0), by: 2).map { entry.u16($0) ?? 0 }
            raw.append((String(decoding: units, as: UTF16.self), entry.bytes[0x42], entry.u32(0x44)!,
                        entry.u32(0x48)!, entry.u32(0x4C)!, entry.u32(0x74)!, Int(entry.u32(0x78)!)))
            offset += 128
        }
        guard let root = raw.first, root.type == 5 else { throw corrupt("compound file has no root entry") }
        miniFat = try sectors.bytes(from: miniFatStart).u32Array()
        miniStream = try sectors.bytes(from: root.start, limit: root.size)
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        // Depth-first over the sibling trees, each entry at most once.
        var visited = Set<UInt32>()
        var stack: [(UInt32, String)] = [(root.child, "")]
        while let (id, parent) = stack.popLast() {
            guard id != 0xFFFF_FFFF, Int(id) < raw.count, visited.insert(id).inserted else { continue }
            let item = raw[Int(id)]
            stack.append((item.left, parent))
            stack.append((item.right, parent))
            let path = parent.isEmpty ? item.name : parent + "/" + item.name
            if item.type == 1 { stack.append((item.child, path)) }
            guard item.type == 1 || item.type == 2 else { continue }
            index[path.lowercased()] = entries.count
            entries.append(Entry(path: path, isStream: item.type == 2, startSector: item.start, size: item.size))
        }
        self.entries = entries
        self.index = index
    }

    /// Names compare without case, as in Windows ("worddocument" is "WordDocument").
    func entry(_ path: String) -> Entry? {
        index[path.lowercased()].map { entries[$0] }
    }

    /// A stream's bytes, from the mini stream when it is small.
    func read(_ path: String) throws(ExtractionFailure) -> [UInt8]? {
        guard let entry = entry(path), entry.isStream else { return nil }
        return try read(entry)
    }

    func read(_ entry: Entry) throws(ExtractionFailure) -> [UInt8] {
        if entry.size < miniCutoff { return try miniChainBytes(from: entry.startSector, limit: entry.size) }
        return try sectors.bytes(from: entry.startSector, limit: entry.size)
    }

    private func miniChainBytes(from start: UInt32, limit: Int) throws(ExtractionFailure) -> [UInt8] {
        var out: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != SectorChains.endOfChain && out.count < limit {
            let offset = Int(sector) * 64
            guard Int(sector) < miniFat.count, steps <= miniFat.count, offset + 64 <= miniStream.count else {
                throw corrupt("compound file has a broken mini sector chain")
            }
            out += miniStream[offset..<(offset + 64)]
            sector = miniFat[Int(sector)]
            steps += 1
        }
        if out.count > limit { out.removeLast(out.count - limit) }
        guard out.count == limit else { throw corrupt("compound file stream is shorter than its size") }
        return out
    }

    /// The FAT's own sectors are listed in the header (109 of them) and then in a chain of
    /// DIFAT sectors, each ending with the number of the next.
    private static func readFAT(_ data: LittleEndianBytes, shift: Int, fatCount: Int, difatStart: UInt32,
                                difatCount: Int, sectorCount: Int) throws(ExtractionFailure) -> [UInt32] {
        guard fatCount <= sectorCount + 1, difatCount <= sectorCount + 1 else {
            throw corrupt("compound file claims more FAT sectors than it has")
        }
        var fatSectors: [UInt32] = (0..<109).compactMap { data.u32(0x4C + 4 * $0) }.filter { $0 < 0xFFFF_FFFA }
        var difat = difatStart
        let perSector = (1 << shift) / 4 - 1
        for _ in 0..<difatCount where difat < 0xFFFF_FFFA {
            let base = (Int(difat) + 1) << shift
            for slot in 0..<perSector {
                if let sector = data.u32(base + 4 * slot), sector < 0xFFFF_FFFA { fatSectors.append(sector) }
            }
            guard let next = data.u32(base + 4 * perSector) else { throw corrupt("compound file DIFAT is truncated") }
            difat = next
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(min(fatSectors.count, fatCount) << (shift - 2))
        for sector in fatSectors.prefix(fatCount) {
            guard let bytes = data.slice((Int(sector) + 1) << shift, length: 1 << shift) else {
                throw corrupt("compound file FAT lies outside the file (truncated?)")
            }
            fat += Array(bytes).u32Array()
        }
        return fat
    }
}

/// Regular sectors, followed along the FAT.
private struct SectorChains {
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    let data: LittleEndianBytes
    let shift: Int
    let fat: [UInt32]

    /// A chain's bytes; at most `limit`, and then exactly `limit` or the file is corrupt.
    func bytes(from start: UInt32, limit: Int = Int.max) throws(ExtractionFailure) -> [UInt8] {
        var out: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != SectorChains.endOfChain && out.count < limit {
            guard Int(sector) < fat.count, steps <= fat.count,
                  let bytes = data.slice((Int(sector) + 1) << shift, length: 1 << shift) else {
                throw corrupt("compound file has a broken sector chain")
            }
            out += bytes
            sector = fat[Int(sector)]
            steps += 1
        }
        if out.count > limit { out.removeLast(out.count - limit) }
        guard limit == Int.max || out.count == limit else { throw corrupt("compound file stream is shorter than its size") }
        return out
    }
}

extension Array where Element == UInt8 {
    /// Consecutive little-endian 32-bit values.
    func u32Array() -> [UInt32] {
        stride(from: 0, to: count - 3, by: 4).map { (offset: Int) -> UInt32 in
            let low = UInt32(self[offset]) | UInt32(self[offset + 1]) << 8
            let high = UInt32(self[offset + 2]) | UInt32(self[offset + 3]) << 8
            return low | high << 16
        }
    }
}
