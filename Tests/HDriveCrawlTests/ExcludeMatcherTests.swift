import Glibc
import HDriveCore
@testable import HDriveCrawl
import Testing

/// The direct matches of common glob shapes agree with fnmatch(3) and FNM_CASEFOLD.
@Suite struct ExcludeMatcherTests {
    @Test func directMatchesAgreeWithFnmatch() {
        let globs = CrawlConfiguration.defaultExcludes + ["*.BAK", "build", "a?c", "[Tt]emp*", "x*y"]
        let names = ["~$report.docx", "report.docx", "a.tmp", "A.TMP", "tmp", ".tmp", "thumbs.db", "Thumbs.db.txt",
                     "$Recycle.Bin", ".trash-1000", ".Trash", "x.bak", "BUILD", "builds", "abc", "ac", "Temporary",
                     "xzzy", "xy", "y", "", "\u{e9}.tmp", ".ds_store", "System Volume Information"]
        for glob in globs {
            let matcher = ExcludeMatcher([glob])
            for name in names {
                let bytes = Array(name.utf8)
                let expected = fnmatch(glob, name, 1 << 4) == 0
                #expect(matcher.excludes(name: bytes, relativePath: RawPath(bytes: bytes)) == expected, "\(glob) \(name)")
            }
        }
    }
}
