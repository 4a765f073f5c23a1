/// One piece of a number format section, as Excel reads the format code.
enum FormatToken: Equatable {
    case literal(String)
    /// A digit placeholder: `0` (always shown), `#` (only significant digits), `?` (a space
    /// in place of an insignificant zero).
    case digit(Character)
    case point
    case comma
    case percent
    case exponent(showsPlus: Bool)
    case slash
    case text
    case general
    case year(Int)
    case month(Int)
    case minute(Int)
    case day(Int)
    case hour(Int)
    case second(Int)
    /// `[h]`, `[mm]`, `[ss]`: time elapsed in that unit, not a clock reading.
    case elapsed(Character, Int)
    case ampm(am: String, pm: String)
    /// `.0`, `.00`, `.000` after seconds.
    case subsecond(Int)
    /// `[$-413]`: the names of months and days are Dutch.
    case dutch

    var isDateOrTime: Bool {
        switch self {
        case .year, .month, .minute, .day, .hour, .second, .elapsed, .ampm, .subsecond: true
        default: false
        }
    }
}

/// Splits a format code into sections and a section into tokens.
enum FormatTokenizer {
    /// Sections split at `;` outside quotes, brackets and escapes.
    static func sections(_ code: String) -> [[Character]] {
        var sections: [[Character]] = [[]]
        var quoted = false
        var bracketed = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
            } else if quoted {
                quoted = character != "\""
            } else if bracketed {
                bracketed = character != "]"
            } else if character == ";" {
                sections.append([])
                continue
            } else {
                quoted = character == "\""
                bracketed = character == "["
                escaped = character == "\\" || character == "_" || character == "*"
            }
            sections[sections.count - 1].append(character)
        }
        return sections
    }

    /// The tokens of one section, and its condition (`[>=100]`) if it has one.
    static func tokens(_ section: [Character]) -> (tokens: [FormatToken], condition: FormatCondition?) {
        var tokens: [FormatToken] = []
        var condition: FormatCondition?
        var index = 0
        func literal(_ text: String) {
            if case .literal(let previous) = tokens.last {
                tokens[tokens.count - 1] = .literal(previous + text)
            } else if !text.isEmpty {
                tokens.append(.literal(text))
            }
        }
        func run(of character: Character) -> Int {
            var end = index
            while end < section.count && section[end].lowercased() == character.lowercased() { end += 1 }
            return end - index
        }
        func matches(_ word: String) -> Bool {
            let letters = Array(word)
            guard index + letters.count <= section.count else { return false }
            return (0..<letters.count).allSatisfy { section[index + $0].lowercased() == letters[$0].lowercased() }
        }
        while index < section.count {
            let character = section[index]
            switch character {
            case "\"":
                var end = index + 1
                while end < section.count && section[end] != "\"" { end += 1 }
                literal(String(section[(index + 1)..<end]))
                index = end + 1
            case "\\":
                if index + 1 < section.count { literal(String(section[index + 1])) }
                index += 2
            case "_":
                literal(" ")  // a space as wide as the next character
                index += 2
            case "*":
                index += 2  // fill to the column width with the next character
            case "[":
                var end = index + 1
                while end < section.count && section[end] != "]" { end += 1 }
                let content = String(section[min(index + 1, section.count)..<min(end, section.count)])
                if let parsed = FormatCondition(content) {
                    condition = parsed
                } else {
                    for token in bracketTokens(content) {
                        if case .literal(let text) = token { literal(text) } else { tokens.append(token) }
                    }
                }
                index = end + 1
            case "0", "#", "?":
                tokens.append(.digit(character))
                index += 1
            case ".":
                let zeros = section[(index + 1)...].prefix { $0 == "0" }.count
                if zeros > 0, tokens.last(where: { $0.isDateOrTime }).map(isSeconds) == true {
                    tokens.append(.subsecond(zeros))
                    index += 1 + zeros
                } else {
                    tokens.append(.point)
                    index += 1
                }
            case ",": tokens.append(.comma); index += 1
            case "%": tokens.append(.percent); index += 1
            case "/": tokens.append(.slash); index += 1
            case "@": tokens.append(.text); index += 1
            default:
                if "Ee".contains(character) && index + 1 < section.count && "+-".contains(section[index + 1]) {
                    tokens.append(.exponent(showsPlus: section[index + 1] == "+"))
                    index += 2
                } else if matches("General") {
                    tokens.append(.general)
                    index += 7
                } else if matches("AM/PM") {
                    tokens.append(.ampm(am: String(section[index..<(index + 2)]), pm: String(section[(index + 3)..<(index + 5)])))
                    index += 5
                } else if matches("A/P") {
                    tokens.append(.ampm(am: String(section[index]), pm: String(section[index + 2])))
                    index += 3
                } else if let make = dateToken(character) {
                    let count = run(of: character)
                    tokens.append(make(count))
                    index += count
                } else if (character == "B" || character == "b") && index + 1 < section.count && "12".contains(section[index + 1]) {
                    index += 2  // Buddhist calendar switch
                } else {
                    literal(String(character))
                    index += 1
                }
            }
        }
        return (resolveMinutes(tokens), condition)
    }

    private static func dateToken(_ character: Character) -> ((Int) -> FormatToken)? {
        switch character.lowercased() {
        case "y", "e": FormatToken.year
        case "m": FormatToken.month
        case "d": FormatToken.day
        case "h": FormatToken.hour
        case "s": FormatToken.second
        default: nil
        }
    }

    private static func isSeconds(_ token: FormatToken) -> Bool {
        switch token {
        case .second: true
        case .elapsed(let unit, _): unit == "s"
        default: false
        }
    }

    /// `[Red]`, `[Color12]` say nothing we show; `[$€-413]` shows its currency symbol, and
    /// its locale (0x13: Dutch) names months and days; `[h]`, `[mm]`, `[ss]` are elapsed time.
    private static func bracketTokens(_ content: String) -> [FormatToken] {
        if content.hasPrefix("$") {
            let parts = content.dropFirst().split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let locale = parts.count == 2 ? UInt32(parts[1], radix: 16) : nil
            return [.literal(String(parts.first ?? ""))] + (locale.map { $0 & 0x3FF == 0x13 } == true ? [.dutch] : [])
        }
        let lower = content.lowercased()
        if let unit = lower.first, "hms".contains(unit), lower.allSatisfy({ $0 == unit }) {
            return [.elapsed(unit, lower.count)]
        }
        return []
    }

    /// `m` and `mm` are minutes right after hours or right before seconds.
    private static func resolveMinutes(_ tokens: [FormatToken]) -> [FormatToken] {
        var result = tokens
        let timeIndices = tokens.indices.filter { tokens[$0].isDateOrTime }
        for (position, index) in timeIndices.enumerated() {
            guard case .month(let count) = tokens[index], count <= 2 else { continue }
            let before = position > 0 ? tokens[timeIndices[position - 1]] : nil
            let after = position + 1 < timeIndices.count ? tokens[timeIndices[position + 1]] : nil
            var afterHour = false
            var beforeSecond = false
            if case .hour = before { afterHour = true }
            if case .elapsed(let unit, _) = before, unit == "h" { afterHour = true }
            if case .second = after { beforeSecond = true }
            if case .elapsed(let unit, _) = after, unit == "s" { beforeSecond = true }
            if afterHour || beforeSecond { result[index] = .minute(count) }
        }
        return result
    }
}

/// `[>=100]`: which values a section is for.
struct FormatCondition: Equatable {
    enum Comparison: String { case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "=", notEqual = "<>" }
    var comparison: Comparison
    var value: Double

    init?(_ content: String) {
        let operators = ["<=", ">=", "<>", "<", ">", "="]
        guard let found = operators.first(where: { content.hasPrefix($0) }), let comparison = Comparison(rawValue: found),
              let value = Double(content.dropFirst(found.count).trimmingCharactersInWhitespace()) else { return nil }
        self.comparison = comparison
        self.value = value
    }

    init(_ comparison: Comparison, _ value: Double) {
        self.comparison = comparison
        self.value = value
    }

    func holds(for number: Double) -> Bool {
        switch comparison {
        case .less: number < value
        case .lessOrEqual: number <= value
        case .greater: number > value
        case .greaterOrEqual: number >= value
        case .equal: number == value
        case .notEqual: number != value
        }
    }
}
