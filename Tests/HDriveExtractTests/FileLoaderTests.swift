import Foundation
import HDriveCore
import Testing
import HDriveExtract

/// Reading files from a share: only regular files, never through a link, within the size limit.
@Suite final class FileLoaderTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hdrive-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> RawPath { RawPath(directory.appendingPathComponent(name).path) }

    func makeFile(_ name: String, _ text: String) throws -> RawPath {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    @Test func regularFileIsExtracted() throws {
        let document = try #require(Extractor().extract(fileAt: makeFile("a.txt", "hallo")).document)
        #expect(document.body == "hallo")
    }

    @Test func aFileNoLongerThanTheDetectionPrefixIsHandedOverWholeWhateverItsType() throws {
        // PNG's signature: detected, never extracted, yet read whole by detection alone.
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
        try Data(bytes).write(to: directory.appendingPathComponent("small.png"))
        var handed: [UInt8]?
        _ = Extractor().extract(fileAt: path("small.png")) { handed = $0 }
        #expect(handed == bytes)

        var configuration = ExtractConfiguration()
        configuration.detectionPrefixBytes = 16
        handed = nil
        _ = Extractor(configuration: configuration).extract(fileAt: path("small.png")) { handed = $0 }
        #expect(handed == nil, "a longer file is read past its prefix only when an extractor asks")
    }

    @Test func symlinkIsNotFollowed() throws {
        _ = try makeFile("target.txt", "geheim")
        try FileManager.default.createSymbolicLink(atPath: path("link.txt").displayString, withDestinationPath: "target.txt")
        #expect(Extractor().extract(fileAt: path("link.txt")).failure == ExtractionFailure(.unreadable, "is a symbolic link"))
    }

    @Test func fifoIsNotOpened() throws {
        #expect(mkfifo(path("pipe.txt").displayString, 0o644) == 0)
        #expect(Extractor().extract(fileAt: path("pipe.txt")).failure
                == ExtractionFailure(.unsupported, "not a regular file (FIFO)"))
    }

    @Test func oversizedFileIsRefusedUnread() throws {
        var configuration = ExtractConfiguration()
        configuration.maxFileSize = 4
        let failure = try Extractor(configuration: configuration).extract(fileAt: makeFile("big.txt", "too long")).failure
        #expect(failure?.kind == .tooLarge)
    }

    @Test func missingFileIsUnreadableWithTheReason() {
        #expect(Extractor().extract(fileAt: path("gone.txt")).failure
                == ExtractionFailure(.unreadable, "cannot inspect file: no such file or directory"))
    }

    @Test func nonUTF8FileNameIsOpened() throws {
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        let full = RawPath(directory.path).appending(name)
        let fd = open(full.bytes.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = write(fd, "inhoud", 6)
        close(fd)
        #expect(Extractor().extract(fileAt: full).document?.body == "inhoud")
    }
}
