import HDriveCore

/// Parsers for the value kinds config files and the environment use.
public enum ConfigValues {
    /// "127.0.0.1:8080", "[::1]:8080", ":8080" (all interfaces is never implied: "" means loopback).
    public static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        let trimmed = text.trimmingCharactersInWhitespace()
        guard let colon = trimmed.lastIndex(of: ":") else { return nil }
        var host = String(trimmed[..<colon])
        guard let port = Int(trimmed[trimmed.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        return (host, port)
    }

    /// "90s", "15m", "1h", "2d", "3600" (seconds), or "off"/"0" for none.
    public static func duration(_ text: String) -> Duration?? {
        let trimmed = text.trimmingCharactersInWhitespace().lowercased()
        if trimmed == "off" || trimmed == "0" || trimmed == "never" { return .some(nil) }
        let digits = trimmed.prefix { $0.isNumber }
        guard let value = Int(digits), value > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharactersInWhitespace()
        let seconds: Int
        switch unit {
        case "", "s", "sec", "second", "seconds": seconds = value
        case "m", "min", "minute", "minutes": seconds = value * 60
        case "h", "hour", "hours": seconds = value * 3600
        case "d", "day", "days": seconds = value * 86400
        default: return nil
        }
        return .some(.seconds(seconds))
    }
}
