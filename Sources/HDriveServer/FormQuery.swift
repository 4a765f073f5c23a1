import Foundation

/// A query string as browsers and HTTP libraries write it (`application/x-www-form-urlencoded`):
/// `+` is a space and `%2B` a plus. Hummingbird's own parameters keep `+`, so
/// `q=type%3Atext+budget` searched for the type "text+budget".
struct FormQuery {
    private var values: [String: String] = [:]

    /// The first value of each name wins; a name without `=` has an empty value.
    init(_ raw: String?) throws {
        for pair in (raw ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0]), value = try Self.decode(parts.count > 1 ? parts[1] : "")
            if values[name] == nil { values[name] = value }
        }
    }

    func get(_ name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) throws -> String {
        guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw APIError.badRequest("malformed query string: '\(text)' is not percent-encoded text")
        }
        return decoded
    }
}
