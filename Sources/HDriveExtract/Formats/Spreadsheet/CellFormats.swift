/// A workbook's cell styles as number formats: each style (XF) names a format id, which is
/// one of the workbook's own codes or a built-in one. Each format is parsed once.
struct CellFormats {
    private let codes: [Int: String]
    private let xfFormatIDs: [Int]
    private let date1904: Bool
    private var parsed: [Int: NumberFormat] = [:]

    init(codes: [Int: String] = [:], xfFormatIDs: [Int] = [], date1904: Bool = false) {
        self.codes = codes
        self.xfFormatIDs = xfFormatIDs
        self.date1904 = date1904
    }

    /// A number as the cell shows it, without the padding of `_)` and fills.
    mutating func number(_ value: Double, xf: Int) -> String {
        let text = format(xf: xf).format(value, date1904: date1904)
        return text.utf8.first == 0x20 || text.utf8.last == 0x20 ? text.trimmingCharactersInWhitespace() : text
    }

    /// Text through the style's text section, if it has one.
    mutating func text(_ text: String, xf: Int) -> String {
        format(xf: xf).format(text: text)
    }

    private mutating func format(xf: Int) -> NumberFormat {
        let id = xf >= 0 && xf < xfFormatIDs.count ? xfFormatIDs[xf] : 0
        if let format = parsed[id] { return format }
        let format = NumberFormat(codes[id] ?? BuiltInNumberFormats.code(id) ?? "General")
        parsed[id] = format
        return format
    }
}
