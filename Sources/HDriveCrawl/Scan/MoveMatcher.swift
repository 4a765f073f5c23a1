import HDriveCore
import HDriveIndex

/// Pairs files that appeared with catalog entries that vanished in the same scan: same device
/// and inode with the same size and mtime (a rename; ctime changes on rename, so it is not
/// compared), or else the same size and content hash (a copy-and-delete, or a share whose inodes
/// are not stable). A paired file keeps its text: nothing is extracted again.
struct MoveMatcher {
    struct Move {
        var entry: CatalogEntry
        var file: WalkedFile
    }

    /// - Parameters:
    ///   - hashOfNew: hashes a new file's content (nil if unreadable).
    ///   - hashesOfMissing: stored hashes of vanished entries, by file id.
    static func match(new files: [WalkedFile], missing: [RawPath: CatalogEntry],
                      hashOfNew: (WalkedFile) -> [UInt8]?,
                      hashesOfMissing: ([Int64]) throws -> [Int64: [UInt8]]) rethrows -> (moves: [Move], unmatched: [WalkedFile]) {
        guard !missing.isEmpty else { return ([], files) }
        var byInode: [DeviceInode: CatalogEntry] = [:]
        var bySize: [Int64: [CatalogEntry]] = [:]
        for entry in missing.values {
            byInode[DeviceInode(device: entry.stat.device, inode: entry.stat.inode)] = entry
            if entry.stat.size > 0 { bySize[entry.stat.size, default: []].append(entry) }
        }
        var taken = Set<Int64>()
        var moves: [Move] = []
        var unmatched: [WalkedFile] = []
        var secondPass: [WalkedFile] = []
        for file in files {
            if let entry = byInode[DeviceInode(device: file.stat.device, inode: file.stat.inode)],
               !taken.contains(entry.fileID), entry.stat.size == file.stat.size, entry.stat.mtimeNs == file.stat.mtimeNs {
                taken.insert(entry.fileID)
                moves.append(Move(entry: entry, file: file))
            } else {
                secondPass.append(file)
            }
        }
        var knownHashes: [Int64: [UInt8]] = [:]
        for file in secondPass {
            let candidates = (bySize[file.stat.size] ?? []).filter { !taken.contains($0.fileID) }
            guard !candidates.isEmpty, let hash = hashOfNew(file) else { unmatched.append(file); continue }
            let unknown = candidates.map(\.fileID).filter { knownHashes[$0] == nil }
            if !unknown.isEmpty { knownHashes.merge(try hashesOfMissing(unknown)) { $1 } }
            if let entry = candidates.first(where: { knownHashes[$0.fileID] == hash }) {
                taken.insert(entry.fileID)
                moves.append(Move(entry: entry, file: file))
            } else {
                unmatched.append(file)
            }
        }
        return (moves, unmatched)
    }
}
