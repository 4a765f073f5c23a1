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

/// A store in `dir` with one root, "h" at /srv/h.
func storeWithRoot(in dir: TemporaryDirectory) throws -> (store: IndexStore, root: RootRecord) {
    let store = try IndexStore(directory: dir.path)
    return (store, try store.upsertRoot(name: "h", path: RawPath("/srv/h"), displayPrefix: nil))
}

/// A store as `storeWithRoot` makes it, with "a.txt" holding `body` committed.
func storeWithFile(_ body: String, in dir: TemporaryDirectory) throws -> (store: IndexStore, root: RootRecord) {
    let (store, root) = try storeWithRoot(in: dir)
    var first = IndexBatch()
    first.put(record(root, "a.txt"), document(body))
    try store.commit(first)
    return (store, root)
}

func stat(size: Int64 = 10, mtime: Int64 = 1, inode: UInt64 = 1) -> FileStat {
    FileStat(size: size, mtimeNs: mtime, ctimeNs: mtime, device: 1, inode: inode, mode: 0o100644, uid: 0, gid: 0)
}

func record(_ root: RootRecord, _ path: String, inode: UInt64 = 1) -> FileRecord {
    FileRecord(rootID: root.id, path: RawPath(path), stat: stat(inode: inode), type: .text, mimeType: "text/plain", failure: nil)
}

func document(_ body: String, name: String = "file.txt", title: String? = nil) -> IndexableDocument {
    IndexableDocument(name: name, path: "", title: title, body: body, author: nil, metadataJSON: nil)
}

extension IndexReader {
    /// Global ids of live documents containing `term`.
    func liveDocuments(with term: String) throws -> [Int64] {
        try read { snapshot in
            var ids: [Int64] = []
            for (segment, list) in try snapshot.postings(for: term) {
                try list.forEach { local, _ in if !segment.isDeleted(local) { ids.append(segment.baseDoc + Int64(local)) } }
            }
            return ids
        }
    }
}
