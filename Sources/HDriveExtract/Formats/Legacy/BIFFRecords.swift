import HDriveCore

/// The record layer of an Excel 97-2003 workbook stream (BIFF5 and BIFF8): a type, a
/// length of at most 8224 bytes, a body. Anything longer goes on in CONTINUE records.
struct BIFFRecords {
    struct Record {
        var type: UInt16
        /// Offset of the body in the stream.
        var offset: Int
        var length: Int
        var end: Int { offset + length }
    }

    static let continuation: UInt16 = 0x003C

    let data: LittleEndianBytes

    init(_ bytes: [UInt8]) {
        data = LittleEndianBytes(bytes: bytes)
    }

    /// The record at `offset`; nil at the end of the stream. A record whose body runs past
    /// the end means the stream was cut off.
    func record(at offset: Int) throws(ExtractionFailure) -> Record? {
        guard offset + 4 <= data.count, let type = data.u16(offset), let length = data.u16(offset + 2) else { return nil }
        guard data.contains(offset + 4, length: Int(length)) else {
            throw corrupt("workbook stream is cut off in the middle of a record (truncated file?)")
        }
        return Record(type: type, offset: offset + 4, length: Int(length))
    }

    func body(_ record: Record) -> ArraySlice<UInt8> {
        data.bytes[record.offset..<record.end]
    }

    /// A record's body and those of the CONTINUE records right after it; and where the
    /// next record starts.
    func continued(_ record: Record) -> (BIFFReader, next: Int) {
        var segments = [body(record)]
        var next = record.end
        while let following = try? self.record(at: next), following.type == BIFFRecords.continuation {
            segments.append(body(following))
            next = following.end
        }
        return (BIFFReader(segments), next)
    }
}

/// Reads values out of a record and its continuations. Numbers and flags simply run on
/// into the next segment; the characters of a string that does are preceded there by a
/// fresh flag byte saying whether they are 8-bit or UTF-16.
struct BIFFReader {
    private let segments: [ArraySlice<UInt8>]
    private var segment = 0
    private var position: Int

    init(_ segments: [ArraySlice<UInt8>]) {
        self.segments = segments.isEmpty ? [[]] : segments
        position = self.segments[0].startIndex
    }

    init(_ body: ArraySlice<UInt8>) {
        self.init([body])
    }

    private var current: ArraySlice<UInt8> { segments[segment] }

    /// Moves to the next segment once this one is used up; false at the very end.
    private mutating func ensureByte() -> Bool {
        while position >= current.endIndex {
            guard segment + 1 < segments.count else { return false }
            segment += 1
            position = current.startIndex
        }
        return true
    }

    mutating func u8() -> UInt8? {
        guard ensureByte() else { return nil }
        defer { position += 1 }
        return current[position]
    }

    mutating func u16() -> UInt16? {
        guard let low = u8(), let high = u8() else { return nil }
        return UInt16(low) | UInt16(high) << 8
    }

    mutating func u32() -> UInt32? {
        guard let low = u16(), let high = u16() else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    mutating func skip(_ count: Int) {
        var left = count
        while left > 0 && ensureByte() {
            let step = min(left, current.endIndex - position)
            position += step
            left -= step
        }
    }

    /// `count` characters, 8-bit (BIFF8: Latin-1, the high bytes left out) or UTF-16; nil
    /// when the record ends first.
    mutating func characters(_ count: Int, wide: Bool) -> String? {
        var wide = wide
        // Most strings are ASCII within one record: no copy through UTF-16.
        if !wide, position + count <= current.endIndex {
            let bytes = current[position..<(position + count)]
            if bytes.allSatisfy({ $0 < 0x80 }) {
                position += count
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        var units: [UInt16] = []
        units.reserveCapacity(min(count, 8224))
        while units.count < count {
            if position >= current.endIndex {
                guard segment + 1 < segments.count else { return nil }
                segment += 1
                position = current.startIndex
                guard position < current.endIndex else { continue }
                wide = current[position] & 0x01 != 0
                position += 1
                continue
            }
            if wide {
                guard position + 1 < current.endIndex else { position = current.endIndex; continue }
                units.append(UInt16(current[position]) | UInt16(current[position + 1]) << 8)
                position += 2
            } else {
                units.append(UInt16(current[position]))
                position += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// `count` bytes as one run, for BIFF5's code-page strings.
    mutating func bytes(_ count: Int) -> [UInt8]? {
        var out: [UInt8] = []
        while out.count < count, let byte = u8() { out.append(byte) }
        return out.count == count ? out : nil
    }

    /// A BIFF8 string: length (`lengthBytes` wide), flags, then for the shared string
    /// table's rich strings their formatting runs and phonetic data, which are skipped.
    mutating func unicodeString(lengthBytes: Int) -> String? {
        guard let count = lengthBytes == 1 ? u8().map(Int.init) : u16().map(Int.init), let flags = u8() else { return nil }
        let runs = flags & 0x08 != 0 ? u16().map(Int.init) : 0
        let extended = flags & 0x04 != 0 ? u32().map(Int.init) : 0
        guard let runs, let extended, let text = characters(count, wide: flags & 0x01 != 0) else { return nil }
        skip(4 * runs)
        skip(extended)
        return text
    }
}
