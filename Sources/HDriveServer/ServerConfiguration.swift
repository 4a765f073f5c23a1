/// Where the HTTP API listens and how much it lets one request ask for.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Readers kept open for searches; each serves one search at a time.
    public var readers: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, readers: Int = 4) {
        self.host = host
        self.port = port
        self.readers = max(1, readers)
    }
}
