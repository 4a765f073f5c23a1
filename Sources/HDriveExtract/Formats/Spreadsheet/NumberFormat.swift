/// An Excel number format ("#,##0.00;[Red](#,##0.00)", "d-mmm-yy"), parsed once and applied
/// to cell values, so that a spreadsheet's text reads as Excel shows it: "$1,599.99" and
/// "17-May-07" rather than 1599.99 and 39219. Shared by the .xls and .xlsx readers.
/// Colours and fills are dropped; names of months and days are English unless the format
/// asks for Dutch ones.
struct NumberFormat {
    private struct Section {
        var tokens: [FormatToken]
        var condition: FormatCondition?
        var isDate: Bool
        var isText: Bool
    }

    private let sections: [Section]
    /// The sections for numbers: up to three, a text section left out.
    private let numeric: [Section]
    private let isGeneral: Bool

    static let general = NumberFormat("General")

    init(_ code: String) {
        sections = FormatTokenizer.sections(code).prefix(4).map { characters in
            let (tokens, condition) = FormatTokenizer.tokens(characters)
            return Section(tokens: tokens, condition: condition, isDate: tokens.contains { $0.isDateOrTime },
                           isText: tokens.contains(.text))
        }
        numeric = sections.prefix(3).filter { !$0.isText }
        isGeneral = sections.count == 1 && sections[0].tokens == [.general]
    }

    /// A number as Excel shows it. `date1904` is the workbook's date system.
    func format(_ value: Double, date1904: Bool = false) -> String {
        guard value.isFinite else { return "#NUM!" }
        // Most cells are in General, and most of those have few digits: skip the decimal digits.
        if isGeneral, value.magnitude < 1e15 {
            if value == value.rounded() { return String(Int64(value)) }
            let text = value.description
            if !text.utf8.contains(UInt8(ascii: "e")), text.utf8.count(where: { $0 >= 0x30 && $0 <= 0x39 }) <= 15 { return text }
        }
        guard let (section, index) = pick(numeric, for: value) else { return signed(value, GeneralNumber.render(DecimalDigits(value))) }
        if section.isDate {
            if let text = DateRendering.render(section.tokens, serial: value, date1904: date1904) { return text }
            return signed(value, GeneralNumber.render(DecimalDigits(value)))
        }
        let digits = DecimalDigits(value)
        let text = NumberRendering.render(section.tokens, digits, magnitude: value.magnitude)
        // The first section carries the sign itself; the others are written for negatives
        // ("(#,##0)") or for one value.
        return index == 0 && value < 0 ? signed(value, text) : text
    }

    /// Text as the format's text section shows it (`"Name: "@`); unchanged without one.
    func format(text: String) -> String {
        guard let section = sections.count == 4 ? sections[3] : sections.first(where: \.isText) else { return text }
        var out = ""
        for token in section.tokens {
            if case .literal(let piece) = token { out += piece }
            if case .text = token { out += text }
        }
        return out
    }

    /// The section for a value: by explicit conditions when there are any, otherwise by
    /// sign (positive;negative;zero).
    private func pick(_ numeric: [Section], for value: Double) -> (Section, Int)? {
        guard !numeric.isEmpty else { return nil }
        if numeric.contains(where: { $0.condition != nil }) {
            for (index, section) in numeric.enumerated() where section.condition?.holds(for: value) ?? true {
                return (section, index)
            }
            return nil
        }
        switch numeric.count {
        case 1: return (numeric[0], 0)
        case 2: return value < 0 ? (numeric[1], 1) : (numeric[0], 0)
        default: return value < 0 ? (numeric[1], 1) : value == 0 ? (numeric[2], 2) : (numeric[0], 0)
        }
    }

    /// A minus sign, unless the value rounded away to nothing.
    private func signed(_ value: Double, _ text: String) -> String {
        value < 0 && text.contains(where: { ("1"..."9").contains($0) }) ? "-" + text : text
    }
}
