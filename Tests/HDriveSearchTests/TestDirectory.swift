import Foundation
import HDriveCore
import HDriveIndex

/// A fresh data directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "hdrive-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// An index of `segments` segments of `perSegment` documents each (never merged), document
/// `n` of them made by `document(n)`: several segments, and blocks of 128 inside them, for the
/// scorers' tests.
func segmentedIndex(segments: Int, perSegment: Int, document: (Int) -> IndexableDocument) throws -> TemporaryDirectory {
    let dir = TemporaryDirectory()
    let store = try IndexStore(directory: dir.path)
    store.mergePolicy.segmentsPerTier = 1_000
    let root = try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil)
    for segment in 0..<segments {
        var batch = IndexBatch()
        for n in segment * perSegment..<(segment + 1) * perSegment {
            batch.put(FileRecord(rootID: root.id, path: RawPath("f\(n).txt"),
                                 stat: FileStat(size: 1, mtimeNs: 0, ctimeNs: 0, device: 1, inode: UInt64(n + 1), mode: 0o100644, uid: 0, gid: 0),
                                 type: .text, mimeType: nil, failure: nil),
                      document(n))
        }
        try store.commit(batch)
    }
    return dir
}
