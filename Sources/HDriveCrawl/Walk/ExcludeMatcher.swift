#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

/// Decides whether a name or relative path is excluded, by fnmatch(3) globs on raw bytes.
/// Every entry of a walk is checked, so the usual shapes (a literal name, `prefix*`,
/// `*suffix`) are matched directly; the rest go through fnmatch.
struct ExcludeMatcher: Sendable {
    /// glibc's FNM_CASEFOLD, a GNU extension Swift's Glibc module does not export.
    private static let caseFold: Int32 = 1 << 4

    private enum NamePattern: Sendable {
        case literal([UInt8]), prefix([UInt8]), suffix([UInt8]), glob([CChar])
    }

    private let namePatterns: [NamePattern]
    private let pathPatterns: [[CChar]]

    init(_ globs: [String]) {
        namePatterns = globs.filter { !$0.contains("/") }.map(Self.classify)
        pathPatterns = globs.filter { $0.contains("/") }.map {
            Array(($0.hasPrefix("/") ? String($0.dropFirst()) : $0).utf8CString)
        }
    }

    func excludes(name: [UInt8], relativePath: RawPath) -> Bool {
        for pattern in namePatterns where Self.matches(pattern, name) { return true }
        return !pathPatterns.isEmpty && Self.matchesAny(pathPatterns, relativePath.bytes)
    }

    private static func classify(_ glob: String) -> NamePattern {
        let bytes = Array(glob.utf8)
        let special: Set<UInt8> = [0x2A, 0x3F, 0x5B, 0x5C]  // * ? [ \
        let stars = bytes.filter { $0 == 0x2A }.count
        let others = bytes.contains { special.contains($0) && $0 != 0x2A }
        if !others && stars == 0 { return .literal(bytes.map(fold)) }
        if !others && stars == 1 && bytes.last == 0x2A { return .prefix(bytes.dropLast().map(fold)) }
        if !others && stars == 1 && bytes.first == 0x2A { return .suffix(bytes.dropFirst().map(fold)) }
        return .glob(Array(glob.utf8CString))
    }

    /// ASCII case folding, as FNM_CASEFOLD does in the C locale.
    private static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    private static func matches(_ pattern: NamePattern, _ name: [UInt8]) -> Bool {
        switch pattern {
        case .literal(let text):
            return name.count == text.count && zip(name, text).allSatisfy { fold($0) == $1 }
        case .prefix(let text):
            return name.count >= text.count && zip(name, text).allSatisfy { fold($0) == $1 }
        case .suffix(let text):
            return name.count >= text.count && zip(name[(name.count - text.count)...], text).allSatisfy { fold($0) == $1 }
        case .glob(let glob):
            return matchesAny([glob], name)
        }
    }

    private static func matchesAny(_ patterns: [[CChar]], _ bytes: [UInt8]) -> Bool {
        guard !patterns.isEmpty else { return false }
        let subject = bytes.map { CChar(bitPattern: $0) } + [0]
        for pattern in patterns where fnmatch(pattern, subject, caseFold) == 0 { return true }
        return false
    }
}
