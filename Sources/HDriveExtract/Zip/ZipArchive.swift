import HDriveCore

/// A ZIP archive held in memory: the central directory, read and checked once.
///
/// Only what office formats need: stored and deflated entries, ZIP64, data descriptors.
/// Hostile archives are refused up front: too many entries, entries outside the file,
/// local entries that overlap (the Fifield "overlapping files" bomb).
struct ZipArchive: Sendable {
    let bytes: [UInt8]
    let entries: [ZipEntry]
    private let index: [String: Int]

    init(bytes: [UInt8], maxEntries: Int) throws(ExtractionFailure) {
        let data = LittleEndianBytes(bytes: bytes)
        let directory = try ZipArchive.findCentralDirectory(data)
        guard directory.entryCount <= maxEntries else {
            throw ExtractionFailure(.tooLarge, "ZIP archive has \(directory.entryCount) entries; the limit is \(maxEntries)")
        }
        var entries = try ZipArchive.readCentralDirectory(data, directory)
        try ZipArchive.locateData(data, &entries, directoryOffset: directory.offset)
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.name] == nil {
            index[entry.name] = position  // the first of duplicate names wins, as in unzip
        }
        self.bytes = bytes
        self.entries = entries
        self.index = index
    }

    func entry(named name: String) -> ZipEntry? {
        index[name].map { entries[$0] }
    }

    /// Quick test for the signatures a ZIP file starts with (a local header, or an empty archive).
    static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6))
    }

    private struct CentralDirectory {
        var offset: Int
        var size: Int
        var entryCount: Int
    }

    /// The End Of Central Directory record sits at the end, before a comment of up to 64 KiB,
    /// so search backwards; a ZIP64 locator just before it points to the ZIP64 record.
    private static func findCentralDirectory(_ data: LittleEndianBytes) throws(ExtractionFailure) -> CentralDirectory {
        let last = data.count - ZipLayout.endOfCentralDirectorySize
        guard last >= 0 else { throw corrupt("not a ZIP archive: no end of central directory") }
        let first = max(0, last - ZipLayout.maxCommentLength)
        var eocd: Int?
        for offset in stride(from: last, through: first, by: -1)
        where data.bytes[offset] == 0x50 && data.u32(offset) == ZipLayout.endOfCentralDirectorySignature {
            eocd = offset
            break
        }
        guard let eocd, let count16 = data.u16(eocd + 10), let size32 = data.u32(eocd + 12),
              let offset32 = data.u32(eocd + 16) else {
            throw corrupt("not a ZIP archive: no end of central directory")
        }
        var directory = CentralDirectory(offset: Int(offset32), size: Int(size32), entryCount: Int(count16))
        let locator = eocd - ZipLayout.zip64LocatorSize
        if locator >= 0, data.u32(locator) == ZipLayout.zip64LocatorSignature {
            guard let recordOffset = data.u64(locator + 8)?.asOffset,
                  data.u32(recordOffset) == ZipLayout.zip64EndSignature,
                  let count = data.u64(recordOffset + 32)?.asOffset,
                  let size = data.u64(recordOffset + 40)?.asOffset,
                  let offset = data.u64(recordOffset + 48)?.asOffset else {
                throw corrupt("ZIP64 end of central directory is missing or damaged")
            }
            directory = CentralDirectory(offset: offset, size: size, entryCount: count)
        }
        guard data.contains(directory.offset, length: directory.size), directory.offset + directory.size <= eocd,
              directory.entryCount <= directory.size / ZipLayout.centralHeaderSize else {
            throw corrupt("central directory lies outside the file (truncated archive?)")
        }
        return directory
    }

    private static func readCentralDirectory(_ data: LittleEndianBytes,
                                             _ directory: CentralDirectory) throws(ExtractionFailure) -> [ZipEntry] {
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.entryCount)
        var offset = directory.offset
        let end = directory.offset + directory.size
        for _ in 0..<directory.entryCount {
            guard offset + ZipLayout.centralHeaderSize <= end,
                  data.u32(offset) == ZipLayout.centralHeaderSignature,
                  let flags = data.u16(offset + 8), let method = data.u16(offset + 10),
                  let crc = data.u32(offset + 16), let compressed = data.u32(offset + 20),
                  let uncompressed = data.u32(offset + 24), let nameLength = data.u16(offset + 28),
                  let extraLength = data.u16(offset + 30), let commentLength = data.u16(offset + 32),
                  let local = data.u32(offset + 42) else {
                throw corrupt("central directory entry \(entries.count + 1) is damaged")
            }
            let nameStart = offset + ZipLayout.centralHeaderSize
            let extraStart = nameStart + Int(nameLength)
            let next = extraStart + Int(extraLength) + Int(commentLength)
            guard next <= end, let nameBytes = data.slice(nameStart, length: Int(nameLength)) else {
                throw corrupt("central directory entry \(entries.count + 1) runs past the directory")
            }
            var entry = ZipEntry(name: String(decoding: nameBytes, as: UTF8.self), flags: flags, method: method,
                                 crc32: crc, compressedSize: Int(compressed), uncompressedSize: Int(uncompressed),
                                 localHeaderOffset: Int(local))
            try applyZip64Extra(data, from: extraStart, length: Int(extraLength), to: &entry)
            entries.append(entry)
            offset = next
        }
        return entries
    }

    /// ZIP64 extra field: 64-bit values, present only for header fields set to 0xFFFFFFFF,
    /// in the order uncompressed size, compressed size, local header offset.
    private static func applyZip64Extra(_ data: LittleEndianBytes, from start: Int, length: Int,
                                        to entry: inout ZipEntry) throws(ExtractionFailure) {
        let full = Int(UInt32.max)
        let needed = [entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset].filter { $0 == full }.count
        guard needed > 0 else { return }
        var offset = start
        while offset + 4 <= start + length, let id = data.u16(offset), let size = data.u16(offset + 2) {
            if id == ZipLayout.zip64ExtraID {
                var field = offset + 4
                func next() throws(ExtractionFailure) -> Int {
                    guard field + 8 <= offset + 4 + Int(size), let value = data.u64(field)?.asOffset else {
                        throw corrupt("ZIP64 extra field of \"\(entry.name)\" is too short")
                    }
                    field += 8
                    return value
                }
                if entry.uncompressedSize == full { entry.uncompressedSize = try next() }
                if entry.compressedSize == full { entry.compressedSize = try next() }
                if entry.localHeaderOffset == full { entry.localHeaderOffset = try next() }
                return
            }
            offset += 4 + Int(size)
        }
        throw corrupt("entry \"\(entry.name)\" needs a ZIP64 extra field and has none")
    }

    /// Reads every local header to find where each entry's data lies, then refuses archives
    /// whose entries overlap each other or the central directory.
    private static func locateData(_ data: LittleEndianBytes, _ entries: inout [ZipEntry],
                                   directoryOffset: Int) throws(ExtractionFailure) {
        for position in entries.indices {
            let local = entries[position].localHeaderOffset
            guard data.u32(local) == ZipLayout.localHeaderSignature,
                  let nameLength = data.u16(local + 26), let extraLength = data.u16(local + 28) else {
                throw corrupt("local header of \"\(entries[position].name)\" is missing (truncated archive?)")
            }
            let dataOffset = local + ZipLayout.localHeaderSize + Int(nameLength) + Int(extraLength)
            guard data.contains(dataOffset, length: entries[position].compressedSize),
                  dataOffset + entries[position].compressedSize <= directoryOffset else {
                throw corrupt("data of \"\(entries[position].name)\" runs past the end of the entries (truncated archive?)")
            }
            entries[position].dataOffset = dataOffset
        }
        let ranges = entries.map { ($0.localHeaderOffset, $0.dataOffset + $0.compressedSize) }.sorted { $0.0 < $1.0 }
        for (previous, current) in zip(ranges, ranges.dropFirst()) where current.0 < previous.1 {
            throw corrupt("ZIP entries overlap (suspected zip bomb)")
        }
    }
}

func corrupt(_ message: String) -> ExtractionFailure {
    ExtractionFailure(.corrupt, message)
}
