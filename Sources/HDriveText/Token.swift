/// One normalized word of a text, where it stands, and where it came from.
public struct Token: Sendable, Equatable {
    /// The normalized form: case- and diacritic-folded ("Café" -> "cafe").
    public var term: String
    /// Word position in the field, counting from 0; phrases compare positions.
    public var position: Int
    /// UTF-8 byte offsets of the original word in the analyzed text, for snippets.
    public var start: Int
    public var end: Int

    public init(term: String, position: Int, start: Int, end: Int) {
        self.term = term
        self.position = position
        self.start = start
        self.end = end
    }
}
