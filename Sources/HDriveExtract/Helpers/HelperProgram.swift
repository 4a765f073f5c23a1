import Glibc

/// An external program hdrive runs for a format it does not read in-process, and where a
/// fresh machine gets it. Looked up on each use, so installing the package needs no restart.
public struct HelperProgram: Sendable, Hashable {
    public let name: String
    /// The Debian package that installs it.
    public let package: String
    /// What it reads, for `hdrive status`.
    public let purpose: String

    static let pdftotext = HelperProgram(name: "pdftotext", package: "poppler-utils", purpose: "PDF")
    static let antiword = HelperProgram(name: "antiword", package: "antiword", purpose: "Word 97-2003 (.doc)")

    public static let all: [HelperProgram] = [pdftotext, antiword]

    /// Fixed directories, not $PATH: the daemon's environment must not pick what runs.
    static let directories = ["/usr/local/bin", "/usr/bin", "/bin"]

    /// The program's absolute path, or nil when it is not installed.
    public var executablePath: String? {
        HelperProgram.directories.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }

    public var isInstalled: Bool { executablePath != nil }
}
