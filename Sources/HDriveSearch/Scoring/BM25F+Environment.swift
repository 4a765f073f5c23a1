extension BM25F {
    /// Parameters from `HDRIVE_BM25`, for measuring alternatives without a rebuild:
    /// `k1=0.9,b=0.4` (b of the body), or per field `name=3,title=2.5,body=1,b.title=0.5`.
    /// Unknown keys or values are an error naming them.
    public func applying(_ specification: String?) throws -> BM25F {
        guard let specification, !specification.isEmpty else { return self }
        var result = self
        for pair in specification.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value >= 0 else {
                throw SearchError("HDRIVE_BM25: '\(pair)' is not key=number")
            }
            let key = parts[0]
            if key == "k1" { result.k1 = value; continue }
            if key == "b" { result.b[3] = value; continue }
            let isB = key.hasPrefix("b.")
            let name = isB ? String(key.dropFirst(2)) : key
            guard let field = ["name", "path", "title", "body", "author"].firstIndex(of: name) else {
                throw SearchError("HDRIVE_BM25: unknown key '\(key)'")
            }
            if isB { result.b[field] = min(value, 1) } else { result.weights[field] = value }
        }
        return result
    }
}
