/// Writes small compound (OLE2) files for tests: version 3, 512-byte sectors. Streams are
/// named by path ("storage/stream"; one storage level). The mini stream cutoff is 0, so
/// every stream lives in regular sectors; real files with small streams are covered by the
/// evaluation set.
struct TestCompound {
    var streams: [(path: String, data: [UInt8])]

    func bytes() -> [UInt8] {
        // Directory entries: root, then storages and streams; siblings chained to the right.
        var entries: [(name: String, type: UInt8, data: [UInt8], parent: Int)] = [("Root Entry", 5, [], -1)]
        var storages: [String: Int] = [:]
        for (path, data) in streams {
            let parts = path.split(separator: "/").map(String.init)
            var parent = 0
            if parts.count == 2 {
                if storages[parts[0]] == nil {
                    storages[parts[0]] = entries.count
                    entries.append((parts[0], 1, [], 0))
                }
                parent = storages[parts[0]]!
            }
            entries.append((parts.last!, 2, data, parent))
        }
        let directorySectors = (entries.count * 128 + 511) / 512
        let dataSectors = entries.map { ($0.data.count + 511) / 512 }
        let others = directorySectors + dataSectors.reduce(0, +)
        var fatSectors = 1
        while fatSectors * 128 < others + fatSectors { fatSectors += 1 }
        var fat = [UInt32](repeating: 0xFFFF_FFFF, count: fatSectors * 128)
        for sector in 0..<fatSectors { fat[sector] = 0xFFFF_FFFD }
        var next = fatSectors
        func chain(_ count: Int) -> UInt32 {
            guard count > 0 else { return 0xFFFF_FFFE }
            let start = next
            for sector in start..<(start + count) { fat[sector] = sector == start + count - 1 ? 0xFFFF_FFFE : UInt32(sector + 1) }
            next += count
            return UInt32(start)
        }
        let directoryStart = chain(directorySectors)
        let starts = dataSectors.map { chain($0) }
        var directory: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            let name = Array(entry.name.utf16)
            var record = name.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            record += [UInt8](repeating: 0, count: 64 - record.count)
            record += le16(UInt16((name.count + 1) * 2)) + [entry.type, 1]
            let right = entries.indices.dropFirst(index + 1).first { entries[$0].parent == entry.parent && entry.parent >= 0 }
            let child = entries.indices.first { entries[$0].parent == index }
            record += le32(0xFFFF_FFFF) + le32(right.map(UInt32.init) ?? 0xFFFF_FFFF) + le32(child.map(UInt32.init) ?? 0xFFFF_FFFF)
            record += [UInt8](repeating: 0, count: 16 + 4 + 16)
            record += le32(entry.type == 2 ? starts[index] : 0xFFFF_FFFE) + le32(UInt32(entry.data.count)) + le32(0)
            directory += record
        }
        var header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        header += le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6) + [UInt8](repeating: 0, count: 10)
        header += le32(UInt32(fatSectors)) + le32(directoryStart) + le32(0) + le32(0)
        header += le32(0xFFFF_FFFE) + le32(0) + le32(0xFFFF_FFFE) + le32(0)
        for slot in 0..<109 { header += le32(slot < fatSectors ? UInt32(slot) : 0xFFFF_FFFF) }
        var out = header
        out += fat.flatMap { le32($0) }
        out += pad(directory)
        for entry in entries { out += pad(entry.data) }
        return out
    }

    private func pad(_ data: [UInt8]) -> [UInt8] {
        data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
}

extension String {
    /// UTF-16LE bytes, as MAPI and PowerPoint store text.
    var utf16LE: [UInt8] { utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
}
