/// The windows-1252 code page: the legacy encoding of most Western European text and names.
public enum Windows1252 {
    /// 0x80-0x9F differ from ISO-8859-1; the five unassigned bytes map to their C1 controls,
    /// as WHATWG's decoder does, so decoding never fails.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    public static func scalar(for byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte <= 0x9F { return Unicode.Scalar(high[Int(byte - 0x80)])! }
        return Unicode.Scalar(byte)
    }

    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = String.UnicodeScalarView()
        for byte in bytes { out.append(scalar(for: byte)) }
        return String(out)
    }
}
