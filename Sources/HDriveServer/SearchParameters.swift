import HDriveSearch
import Hummingbird

/// Reads `q`, `limit`, `offset`, `sort` and `facets` from a query string, refusing what is not
/// a number or a known value.
enum SearchParameters {
    static func parse(_ parameters: FormQuery) throws -> SearchRequest {
        guard let query = parameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("missing query: pass ?q=words")
        }
        guard query.utf8.count <= 4096 else { throw APIError.badRequest("query is longer than 4096 bytes") }
        var sort = SearchSort.relevance
        if let text = parameters.get("sort") {
            guard let order = SearchSort(rawValue: text) else {
                throw APIError.badRequest("sort must be one of \(SearchSort.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
            sort = order
        }
        return SearchRequest(query: query, limit: try integer(parameters, "limit", default: 10),
                             offset: try integer(parameters, "offset", default: 0), sort: sort,
                             facets: try boolean(parameters, "facets"))
    }

    private static func boolean(_ parameters: FormQuery, _ name: String) throws -> Bool {
        guard let text = parameters.get(name) else { return false }
        switch text.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw APIError.badRequest("\(name) must be true or false, not '\(text)'")
        }
    }

    private static func integer(_ parameters: FormQuery, _ name: String, default value: Int) throws -> Int {
        guard let text = parameters.get(name) else { return value }
        guard let number = Int(text) else { throw APIError.badRequest("\(name) must be a whole number, not '\(text)'") }
        return number
    }
}
