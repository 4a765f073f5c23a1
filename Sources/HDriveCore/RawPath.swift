/// A path as the file system stores it: raw bytes, not necessarily UTF-8.
///
/// Shares hold names written by twenty years of clients (cp1252, cp437, NFD). We never
/// decode a name to look a file up again; decoding is for display and for the analyzer only.
public struct RawPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public static let separator: UInt8 = 0x2F  // "/"

    public var isEmpty: Bool { bytes.isEmpty }
    public var isAbsolute: Bool { bytes.first == RawPath.separator }

    /// The non-empty components between separators.
    public var components: [[UInt8]] {
        bytes.split(separator: RawPath.separator, omittingEmptySubsequences: true).map(Array.init)
    }

    /// The last component (the file name), or the empty path.
    public var lastComponent: RawPath {
        var end = bytes.endIndex
        while end > bytes.startIndex && bytes[end - 1] == RawPath.separator { end -= 1 }
        let start = bytes[..<end].lastIndex(of: RawPath.separator).map { $0 + 1 } ?? bytes.startIndex
        return RawPath(bytes: Array(bytes[start..<end]))
    }

    /// Everything before the last component, without a trailing separator.
    public var parent: RawPath {
        guard let slash = bytes.lastIndex(of: RawPath.separator) else { return RawPath(bytes: []) }
        return RawPath(bytes: Array(bytes[..<slash]))
    }

    /// The extension of the last component, lowercased ASCII, without the dot ("" if none).
    public var fileExtension: String {
        let name = lastComponent.bytes
        guard let dot = name.lastIndex(of: 0x2E), dot > name.startIndex, dot < name.endIndex - 1 else { return "" }
        return String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
    }

    public func appending(_ component: [UInt8]) -> RawPath {
        if bytes.isEmpty { return RawPath(bytes: component) }
        if bytes.last == RawPath.separator { return RawPath(bytes: bytes + component) }
        return RawPath(bytes: bytes + [RawPath.separator] + component)
    }

    public func appending(_ other: RawPath) -> RawPath {
        other.isEmpty ? self : appending(other.bytes)
    }

    /// Text for people: valid UTF-8 as is, each invalid byte as `\xNN`, so that two different
    /// names never look the same and nothing is silently lost.
    public var displayString: String { RawPath.display(bytes) }

    /// Text for the analyzer: invalid bytes read as windows-1252, the most likely legacy
    /// encoding of a name on a Windows share, so that "Begroting_f\xe9" is found by "begroting".
    public var searchableString: String { RawPath.decodeLenient(bytes) }

    public var description: String { displayString }

    public static func < (lhs: RawPath, rhs: RawPath) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    static func display(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = ""
        var index = 0
        while index < bytes.count {
            if let (scalar, length) = UTF8Validation.decodeScalar(bytes, at: index) {
                out.unicodeScalars.append(scalar)
                index += length
            } else {
                out += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return out
    }

    static func decodeLenient(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = ""
        var index = 0
        while index < bytes.count {
            if let (scalar, length) = UTF8Validation.decodeScalar(bytes, at: index) {
                out.unicodeScalars.append(scalar)
                index += length
            } else {
                out.unicodeScalars.append(Windows1252.scalar(for: bytes[index]))
                index += 1
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
