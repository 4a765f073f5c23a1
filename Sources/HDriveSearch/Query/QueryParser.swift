import HDriveIndex
import HDriveText

/// Turns tokens into a `QueryNode` tree:
///
///     query   := or
///     or      := and ("OR" and)*
///     and     := unary+                    (implicit AND)
///     unary   := "-" primary | primary
///     primary := "(" or ")" | "phrase" | field:value | word | prefix*
///
/// Malformed pieces degrade to text rather than fail.
struct QueryParser {
    var analyzer: Analyzer

    func parse(_ query: String) -> QueryNode {
        var tokens = QueryLexer.tokens(query)[...]
        let node = parseOr(&tokens)
        return node ?? .and([])
    }

    private func parseOr(_ tokens: inout ArraySlice<QueryLexer.Token>) -> QueryNode? {
        var alternatives: [QueryNode] = []
        if let first = parseAnd(&tokens) { alternatives.append(first) }
        while tokens.first == .or {
            tokens.removeFirst()
            if let next = parseAnd(&tokens) { alternatives.append(next) }
        }
        return alternatives.count <= 1 ? alternatives.first : .or(alternatives)
    }

    private func parseAnd(_ tokens: inout ArraySlice<QueryLexer.Token>) -> QueryNode? {
        var items: [QueryNode] = []
        while let token = tokens.first, token != .or, token != .close {
            if token == .minus {
                tokens.removeFirst()
                if let operand = parsePrimary(&tokens) { items.append(.not(operand)) }
            } else if let item = parsePrimary(&tokens) {
                items.append(item)
            }
        }
        // Words of one chunk such as "covid-19" arrive as a phrase; a lone word stays a word.
        return items.isEmpty ? nil : items.count == 1 && !isNegation(items[0]) ? items[0] : .and(items)
    }

    private func isNegation(_ node: QueryNode) -> Bool {
        if case .not = node { true } else { false }
    }

    private func parsePrimary(_ tokens: inout ArraySlice<QueryLexer.Token>) -> QueryNode? {
        guard let token = tokens.popFirst() else { return nil }
        switch token {
        case .open:
            let inner = parseOr(&tokens)
            if tokens.first == .close { tokens.removeFirst() }
            return inner
        case .close, .or, .minus:
            return nil
        case .quoted(let text):
            return textNode(text, phrase: true)
        case .text(let text):
            if text.count > 1, text.hasSuffix("*"), !text.dropLast().contains("*") {
                let terms = analyzer.terms(in: String(text.dropLast()))
                if terms.count == 1 { return .prefix(terms[0]) }
            }
            return textNode(text, phrase: false)
        case .fieldText(let field, let value):
            return fieldNode(field, value, quoted: false) ?? textNode("\(field):\(value)", phrase: false)
        case .fieldQuoted(let field, let value):
            return fieldNode(field, value, quoted: true) ?? textNode("\(field) \(value)", phrase: false)
        }
    }

    /// Analyzed text: one term is a word, several from one chunk ("BZ-2008-117") a phrase.
    private func textNode(_ text: String, phrase: Bool) -> QueryNode? {
        let terms = analyzer.terms(in: text)
        switch terms.count {
        case 0: return nil
        case 1: return .word(terms[0])
        default:
            if phrase { return .phrase(terms) }
            return text.contains(where: \.isWhitespace) ? .and(terms.map(QueryNode.word)) : .chunk(terms)
        }
    }

    private func fieldNode(_ field: String, _ value: String, quoted: Bool) -> QueryNode? {
        switch field {
        case "name": return textNode(value, phrase: quoted).map { .field(.name, $0) }
        case "path", "in": return textNode(value, phrase: quoted).map { .field(.path, $0) }
        case "author": return textNode(value, phrase: quoted).map { .field(.author, $0) }
        case "title": return textNode(value, phrase: quoted).map { .field(.title, $0) }
        case "type", "ext":
            let values = value.lowercased().split(separator: ",").map { String($0.drop { $0 == "." }) }.filter { !$0.isEmpty }
            return values.isEmpty ? nil : .filter(.type(Set(values)))
        case "modified":
            return FilterValues.dateRange(value).map { .filter(.modified(from: $0.from, until: $0.until)) }
        case "after":
            return FilterValues.dateRange(value).map { .filter(.modified(from: $0.until, until: nil)) }
        case "before":
            return FilterValues.dateRange(value).map { .filter(.modified(from: nil, until: $0.from)) }
        case "size":
            return FilterValues.sizeRange(value).map { .filter(.size(atLeast: $0.atLeast, below: $0.below)) }
        default:
            return nil
        }
    }
}
