import Foundation
import HDriveCore
import Testing
@testable import HDriveExtract

/// A file written while hdrive reads it is reported as changed (to be retried), never
/// indexed half-old, half-new.
@Suite struct OpenedFileTests {
    @Test func fileWrittenAfterOpeningIsChanged() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-changed-\(UUID().uuidString).txt")
        try Data("eerste versie".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try OpenedFile(RawPath(url.path), maxSize: 1 << 20)
        #expect(try file.readAll() == Array("eerste versie".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" en meer".utf8))
        try handle.close()
        #expect(throws: ExtractionFailure(.changed, "file changed while it was read")) { try file.checkUnchanged() }
    }

    @Test func fileLeftAloneIsUnchanged() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-same-\(UUID().uuidString).txt")
        try Data("tekst".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try OpenedFile(RawPath(url.path), maxSize: 1 << 20)
        _ = try file.readAll()
        try file.checkUnchanged()
    }
}
