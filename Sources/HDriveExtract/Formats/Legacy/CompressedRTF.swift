import HDriveCore

/// Outlook's compressed RTF (MS-OXRTFCP "LZFu"): an LZ77 variant over a 4 KiB dictionary
/// that starts filled with common RTF. Mails whose only body is RTF keep it this way.
enum CompressedRTF {
    private static let preset = Array(
        (#"{\rtf1\ansi\mac\deff0\deftab720{\fonttbl;}{\f0\fnil \froman \fswiss \fmodern \fscript \fdecor "#
         + #"MS Sans SerifSymbolArialTimes New RomanCourier{\colortbl\red0\green0\blue0"# + "\r\n"
         + #"\par \pard\plain\f0\fs20\b\i\u\tab\tx"#).utf8)

    static func decompress(_ bytes: [UInt8], limit: Int) throws(ExtractionFailure) -> [UInt8] {
        let data = LittleEndianBytes(bytes: bytes)
        guard let rawSize = data.u32(4), let kind = data.u32(8) else { throw corrupt("compressed RTF header is damaged") }
        if kind == 0x414C_454D { return Array(bytes.dropFirst(16).prefix(min(Int(rawSize), limit))) }  // "MELA": stored
        guard kind == 0x7546_5A4C else { throw corrupt("compressed RTF uses an unknown method") }
        var dictionary = [UInt8](repeating: 0, count: 4096)
        dictionary.replaceSubrange(0..<preset.count, with: preset)
        var write = preset.count
        var out: [UInt8] = []
        let wanted = min(Int(rawSize), limit)
        var index = 16
        while index < bytes.count && out.count < wanted {
            let control = bytes[index]
            index += 1
            for bit in 0..<8 where index < bytes.count && out.count < wanted {
                if control & (1 << bit) == 0 {
                    let byte = bytes[index]
                    index += 1
                    out.append(byte)
                    dictionary[write] = byte
                    write = (write + 1) & 0xFFF
                    continue
                }
                guard index + 1 < bytes.count else { return out }
                let token = Int(bytes[index]) << 8 | Int(bytes[index + 1])
                index += 2
                let offset = token >> 4
                if offset == write { return out }  // the end marker points at the write position
                for step in 0..<((token & 0xF) + 2) {
                    let byte = dictionary[(offset + step) & 0xFFF]
                    out.append(byte)
                    dictionary[write] = byte
                    write = (write + 1) & 0xFFF
                }
            }
        }
        return out
    }
}
