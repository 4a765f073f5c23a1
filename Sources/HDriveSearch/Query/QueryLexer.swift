/// Splits typed text into query tokens. It never fails: anything that is not well-formed
/// syntax (an unknown `covid-19:` field, an unbalanced quote or parenthesis) is text.
struct QueryLexer {
    enum Token: Equatable {
        case text(String)
        case quoted(String)
        case fieldText(String, String)
        case fieldQuoted(String, String)
        case open
        case close
        case or
        case minus
    }

    static let fieldNames: Set<String> = ["name", "path", "in", "type", "ext", "author", "title",
                                           "modified", "after", "before", "size"]

    static func tokens(_ query: String) -> [Token] {
        let characters = Array(query)
        let balanced = parenthesesBalance(characters)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if balanced && character == "(" { tokens.append(.open); index += 1; continue }
            if balanced && character == ")" { tokens.append(.close); index += 1; continue }
            if character == "\"" {
                if let end = characters[(index + 1)...].firstIndex(of: "\"") {
                    tokens.append(.quoted(String(characters[(index + 1)..<end])))
                    index = end + 1
                } else {
                    index += 1  // an unbalanced quote is just a character
                }
                continue
            }
            var negated = false
            if character == "-" && index + 1 < characters.count && !characters[index + 1].isWhitespace
                && (index == 0 || characters[index - 1].isWhitespace || characters[index - 1] == "(") {
                negated = true
                index += 1
            }
            var end = index
            while end < characters.count && !characters[end].isWhitespace && !(balanced && (characters[end] == "(" || characters[end] == ")")) {
                if characters[end] == "\"" && end > index && characters[end - 1] == ":" { break }
                end += 1
            }
            let chunk = String(characters[index..<end])
            index = end
            if negated { tokens.append(.minus) }
            if chunk == "OR" || chunk == "|" || chunk == "||" {
                tokens.append(.or)
                continue
            }
            if chunk == "AND" || chunk == "&&" { continue }
            if let colon = chunk.firstIndex(of: ":"), fieldNames.contains(chunk[..<colon].lowercased()) {
                let field = chunk[..<colon].lowercased()
                let value = String(chunk[chunk.index(after: colon)...])
                if value.isEmpty, index < characters.count, characters[index] == "\"",
                   let close = characters[(index + 1)...].firstIndex(of: "\"") {
                    tokens.append(.fieldQuoted(field, String(characters[(index + 1)..<close])))
                    index = close + 1
                    continue
                }
                if !value.isEmpty {
                    tokens.append(.fieldText(field, value))
                    continue
                }
            }
            tokens.append(.text(chunk))
        }
        return tokens
    }

    /// Parentheses are syntax only when every one is matched; otherwise they are text.
    private static func parenthesesBalance(_ characters: [Character]) -> Bool {
        var depth = 0
        var inQuote = false
        for character in characters {
            if character == "\"" { inQuote.toggle() }
            if inQuote { continue }
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }
}
