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

    /// A caller hashing files gets the bytes extraction read whole, instead of reading again;
    /// a file read only in part (type detection of a file too short to be anything) gives none.
    @Test func extractionHandsOverTheBytesItReadWhole() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-whole-\(UUID().uuidString).txt")
        let text = String(repeating: "De begroting voor 2008 is vastgesteld. ", count: 200)
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var handed: [UInt8]?
        let result = Extractor().extract(fileAt: RawPath(url.path)) { handed = $0 }
        guard case .document(let document) = result else { Issue.record("\(result)"); return }
        #expect(document.body.contains("vastgesteld"))
        #expect(handed == Array(text.utf8))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-empty-\(UUID().uuidString).bin")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        var none: [UInt8]?
        _ = Extractor().extract(fileAt: RawPath(empty.path)) { none = $0 }
        #expect(none == nil || none == [])
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
