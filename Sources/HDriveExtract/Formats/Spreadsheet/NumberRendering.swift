/// Numbers in number formats: plain (`#,##0.00`, `0%`, `#,##0,`), scientific (`0.00E+00`,
/// `##0.0E+0`) and fractions (`# ?/?`, `# ??/100`). The sign is the caller's business.
enum NumberRendering {
    static func render(_ tokens: [FormatToken], _ value: DecimalDigits, magnitude: Double) -> String {
        if let exponent = tokens.firstIndex(where: { if case .exponent = $0 { true } else { false } }) {
            return scientific(tokens, value, exponentAt: exponent)
        }
        if let slash = fractionSlash(tokens) {
            // Bounded so that numerator times denominator stays an Int.
            return magnitude < 1e11 ? fraction(tokens, magnitude, slashAt: slash) : GeneralNumber.render(value)
        }
        return plain(tokens, value)
    }

    private static func plain(_ tokens: [FormatToken], _ value: DecimalDigits) -> String {
        let point = tokens.firstIndex(of: .point) ?? tokens.count
        let integer = tokens.indices.filter { $0 < point && isDigit(tokens[$0]) }
        let fraction = tokens.indices.filter { $0 > point && isDigit(tokens[$0]) }
        var grouping = false
        var scale = 0
        let lastDigit = (integer + fraction).max() ?? -1
        for index in tokens.indices where tokens[index] == .comma {
            if integer.contains(where: { $0 < index }) && integer.contains(where: { $0 > index }) {
                grouping = true
            } else if index > lastDigit && lastDigit >= 0 {
                scale = min(scale + 1, 8)  // "#,##0," is in thousands, "0.0,," in millions
            }
        }
        let percents = min(tokens.count { $0 == .percent }, 8)
        let number = value.shifted(by: 2 * percents - 3 * scale).rounded(fractionDigits: fraction.count)
        var pieces = [Int: String]()
        let integerTexts = integerText(placeholders(integer, tokens), digits: number.integerDigits, grouping: grouping)
        for (index, text) in zip(integer, integerTexts) { pieces[index] = text }
        let fractionTexts = fractionText(placeholders(fraction, tokens), digits: number.fractionDigits(fraction.count))
        for (index, text) in zip(fraction, fractionTexts) { pieces[index] = text }
        return emit(tokens, pieces, general: value)
    }

    private static func scientific(_ tokens: [FormatToken], _ value: DecimalDigits,
                                   exponentAt exponentIndex: Int) -> String {
        let point = tokens[..<exponentIndex].firstIndex(of: .point) ?? exponentIndex
        let integer = tokens.indices.filter { $0 < point && isDigit(tokens[$0]) }
        let fraction = tokens.indices.filter { $0 > point && $0 < exponentIndex && isDigit(tokens[$0]) }
        let powerDigits = tokens.indices.filter { $0 > exponentIndex && isDigit(tokens[$0]) }
        let width = max(integer.count, 1)
        // With "#" in a wider integer part ("##0.0E+0") the exponent is a multiple of its width.
        let engineering = width > 1 && integer.contains { tokens[$0] == .digit("#") }
        let step = engineering ? width : 1
        var power = 0
        if !value.isZero {
            let leading = value.scientificExponent
            power = engineering ? Int((Double(leading) / Double(width)).rounded(.down)) * width : leading - (width - 1)
        }
        var mantissa = value.shifted(by: -power).rounded(fractionDigits: fraction.count)
        if mantissa.integerDigits.count > width {
            power += step
            mantissa = value.shifted(by: -power).rounded(fractionDigits: fraction.count)
        }
        var pieces = [Int: String]()
        let integerTexts = integerText(placeholders(integer, tokens), digits: mantissa.integerDigits, grouping: false)
        for (index, text) in zip(integer, integerTexts) { pieces[index] = text }
        let fractionTexts = fractionText(placeholders(fraction, tokens), digits: mantissa.fractionDigits(fraction.count))
        for (index, text) in zip(fraction, fractionTexts) { pieces[index] = text }
        guard case .exponent(let showsPlus) = tokens[exponentIndex] else { return "" }
        let sign = power < 0 ? "-" : showsPlus ? "+" : ""
        let zeros = powerDigits.filter { tokens[$0] == .digit("0") }.count
        let digits = String(power.magnitude)
        pieces[exponentIndex] = "E" + sign + String(repeating: "0", count: max(0, zeros - digits.count)) + digits
        for index in powerDigits { pieces[index] = "" }
        return emit(tokens, pieces, general: value)
    }

    /// A slash between digit placeholders and a denominator (placeholders or a number).
    private static func fractionSlash(_ tokens: [FormatToken]) -> Int? {
        guard let slash = tokens.firstIndex(of: .slash), slash > 0, slash + 1 < tokens.count,
              isDigit(tokens[slash - 1]) else { return nil }
        if isDigit(tokens[slash + 1]) { return slash }
        if case .literal(let text) = tokens[slash + 1], text.first?.isWholeNumber == true { return slash }
        return nil
    }

    private static func fraction(_ tokens: [FormatToken], _ magnitude: Double, slashAt slash: Int) -> String {
        var numeratorStart = slash
        while numeratorStart > 0 && isDigit(tokens[numeratorStart - 1]) { numeratorStart -= 1 }
        let numerator = Array(numeratorStart..<slash)
        let integer = tokens.indices.filter { $0 < numeratorStart && isDigit(tokens[$0]) }
        var denominator: [Int] = []
        var fixed: Int?
        var end = slash + 1
        if case .literal(let text) = tokens[slash + 1] {
            let digits = text.prefix { $0.isWholeNumber }
            fixed = Int(digits).flatMap { $0 > 0 && $0 < 100_000 ? $0 : nil } ?? 1
            end = slash + 2
        } else {
            while end < tokens.count && isDigit(tokens[end]) { denominator.append(end); end += 1 }
        }
        var whole = integer.isEmpty ? 0 : magnitude.rounded(.down)
        let part = magnitude - whole
        var (top, bottom) = fixed.map { (Int((part * Double($0)).rounded()), $0) }
            ?? closest(part, maxDenominator: Int(pow10(min(denominator.count, 4))) - 1)
        if top == bottom && !integer.isEmpty {
            whole += 1
            top = 0
        }
        var pieces = [Int: String]()
        let wholeDigits = whole == 0 ? "" : DecimalDigits(whole).integerDigits
        let shownWhole = top == 0 && whole == 0 ? "0" : wholeDigits
        let integerTexts = integerText(placeholders(integer, tokens), digits: shownWhole, grouping: false)
        for (index, text) in zip(integer, integerTexts) { pieces[index] = text }
        if top == 0 && !integer.isEmpty {
            // A whole number: Excel leaves the fraction's place blank.
            for index in (integer[integer.count - 1] + 1)..<end { pieces[index] = "" }
            return emit(tokens, pieces, general: DecimalDigits(magnitude))
        }
        let numeratorTexts = integerText(placeholders(numerator, tokens), digits: String(top), grouping: false)
        for (index, text) in zip(numerator, numeratorTexts) { pieces[index] = text }
        if fixed == nil {
            let digits = Array(String(bottom))
            for (position, index) in denominator.enumerated() {
                let padding = placeholder(tokens[index]) == "?" ? " " : ""
                pieces[index] = position < digits.count ? String(digits[position]) : padding
            }
            if digits.count > denominator.count, let last = denominator.last {
                pieces[last, default: ""] += String(digits[denominator.count...])
            }
        } else {
            pieces[slash + 1] = String(bottom) + (tokens[slash + 1].literalText?.drop { $0.isWholeNumber } ?? "")
        }
        return emit(tokens, pieces, general: DecimalDigits(magnitude))
    }

    /// The fraction nearest to `value` (0 ≤ value < 1 unless there is no integer part) with a
    /// denominator of at most `maxDenominator`; the smallest denominator wins a tie.
    static func closest(_ value: Double, maxDenominator: Int) -> (Int, Int) {
        var best = (Int(value.rounded()), 1)
        var error = abs(value - Double(best.0))
        for denominator in stride(from: 2, through: max(1, maxDenominator), by: 1) where error > 0 {
            let numerator = (value * Double(denominator)).rounded()
            let candidate = abs(value - numerator / Double(denominator))
            if candidate < error {
                best = (Int(numerator), denominator)
                error = candidate
            }
        }
        return best
    }

    /// Digits into integer placeholders: right-aligned, extra digits in the leftmost one,
    /// missing ones as "0", a space for "?" or nothing for "#". With grouping the whole
    /// number goes in the first placeholder.
    static func integerText(_ placeholders: [Character], digits: String, grouping: Bool) -> [String] {
        let count = placeholders.count
        guard count > 0 else { return [] }
        let digits = Array(digits)
        if grouping {
            let minimum = placeholders.firstIndex(of: "0").map { count - $0 } ?? 0
            var text = String(repeating: "0", count: max(0, minimum - digits.count)) + String(digits)
            var position = text.count - 3
            while position > 0 {
                text.insert(",", at: text.index(text.startIndex, offsetBy: position))
                position -= 3
            }
            return [text] + Array(repeating: "", count: count - 1)
        }
        var out = (0..<count).map { index -> String in
            let fromRight = count - 1 - index
            if fromRight < digits.count { return String(digits[digits.count - 1 - fromRight]) }
            return placeholders[index] == "0" ? "0" : placeholders[index] == "?" ? " " : ""
        }
        if digits.count > count { out[0] = String(digits[0..<(digits.count - count)]) + out[0] }
        return out
    }

    /// Digits after the point: trailing zeros vanish under "#" and become spaces under "?".
    static func fractionText(_ placeholders: [Character], digits: String) -> [String] {
        var out = digits.map { String($0) }
        var index = out.count - 1
        while index >= 0 && out[index] == "0" && placeholders[index] != "0" {
            out[index] = placeholders[index] == "?" ? " " : ""
            index -= 1
        }
        return out
    }

    /// Tokens in order, digit placeholders replaced by `pieces`.
    private static func emit(_ tokens: [FormatToken], _ pieces: [Int: String], general value: DecimalDigits) -> String {
        var out = ""
        for (index, token) in tokens.enumerated() {
            if let piece = pieces[index] { out += piece; continue }
            switch token {
            case .literal(let text): out += text
            case .point: out += "."
            case .percent: out += "%"
            case .slash: out += "/"
            case .general: out += GeneralNumber.render(value)
            default: break
            }
        }
        return out
    }

    private static func isDigit(_ token: FormatToken) -> Bool {
        if case .digit = token { true } else { false }
    }

    private static func placeholders(_ indices: [Int], _ tokens: [FormatToken]) -> [Character] {
        indices.map { placeholder(tokens[$0]) }
    }

    private static func placeholder(_ token: FormatToken) -> Character {
        if case .digit(let character) = token { character } else { "#" }
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

private extension FormatToken {
    var literalText: String? {
        if case .literal(let text) = self { text } else { nil }
    }
}

/// "General": up to 15 significant digits, in scientific notation when very large or small.
enum GeneralNumber {
    static func render(_ value: DecimalDigits) -> String {
        guard !value.isZero else { return "0" }
        let exponent = value.scientificExponent
        if exponent >= 15 || exponent < -9 {
            let mantissa = value.shifted(by: -exponent)
            let fraction = mantissa.allFractionDigits
            let power = String(exponent.magnitude)
            return mantissa.integerDigits + (fraction.isEmpty ? "" : "." + fraction) + "E" + (exponent < 0 ? "-" : "+")
                + (power.count < 2 ? "0" : "") + power
        }
        let integer = value.integerDigits
        let fraction = value.allFractionDigits
        return (integer.isEmpty ? "0" : integer) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
