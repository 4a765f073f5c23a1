#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

/// Decides whether a name or relative path is excluded, by fnmatch(3) globs on raw bytes.
struct ExcludeMatcher: Sendable {
    /// glibc's FNM_CASEFOLD, a GNU extension Swift's Glibc module does not export.
    private static let caseFold: Int32 = 1 << 4
    private let namePatterns: [[CChar]]
    private let pathPatterns: [[CChar]]

    init(_ globs: [String]) {
        namePatterns = globs.filter { !$0.contains("/") }.map { Array($0.utf8CString) }
        pathPatterns = globs.filter { $0.contains("/") }.map {
            Array(($0.hasPrefix("/") ? String($0.dropFirst()) : $0).utf8CString)
        }
    }

    func excludes(name: [UInt8], relativePath: RawPath) -> Bool {
        if matchesAny(namePatterns, name) { return true }
        return !pathPatterns.isEmpty && matchesAny(pathPatterns, relativePath.bytes)
    }

    private func matchesAny(_ patterns: [[CChar]], _ bytes: [UInt8]) -> Bool {
        guard !patterns.isEmpty else { return false }
        let subject = bytes.map { CChar(bitPattern: $0) } + [0]
        for pattern in patterns where fnmatch(pattern, subject, ExcludeMatcher.caseFold) == 0 { return true }
        return false
    }
}
