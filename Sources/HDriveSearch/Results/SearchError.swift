/// A query that cannot be answered as asked; the message is for the person who asked.
public struct SearchError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
