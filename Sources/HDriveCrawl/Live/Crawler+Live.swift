#if canImport(Glibc)
import Glibc
#endif
import HDriveCore
import HDriveIndex

extension Crawler {
    /// Applies coalesced live changes of one root, then indexes what they queued. Renames keep
    /// their documents (no extraction); disappearances are confirmed by stat before deleting.
    public func apply(_ changes: [LiveChange], to root: RootConfiguration) throws -> CrawlSummary {
        let rootID = try self.rootID(for: root)
        var summary = CrawlSummary()
        var queue: [WorkItem] = []
        var scans: [RawPath] = []
        var rescanRoot = false
        try storeLock.withLock {
            var batch = IndexBatch()
            for change in changes {
                switch change {
                case .changed(let path):
                    queue.append(WorkItem(rootID: rootID, path: path, priority: .live))
                case .removed(let path):
                    if case .success(let info) = PathOpener.lstat(root: root.path, relative: path) {
                        if info.st_mode & S_IFMT == S_IFDIR { scans.append(path) }
                        else { queue.append(WorkItem(rootID: rootID, path: path, priority: .live)) }
                    } else {
                        summary.deleted += try deleteSubtree(path, rootID: rootID, into: &batch)
                    }
                case .moved(let from, let to, let isDirectory):
                    if isDirectory {
                        summary.moved += try moveSubtree(from: from, to: to, rootID: rootID, into: &batch)
                        scans.append(to)  // catches anything created before its watch moved along
                    } else if try moveFile(from: from, to: to, root: root, rootID: rootID, into: &batch) {
                        summary.moved += 1
                    } else {
                        queue.append(WorkItem(rootID: rootID, path: to, priority: .live))
                        summary.deleted += try deleteSubtree(from, rootID: rootID, into: &batch)
                    }
                case .scanDirectory(let path):
                    scans.append(path)
                case .rescanRoot:
                    rescanRoot = true
                }
            }
            try store.commit(batch)
            try store.enqueue(queue)
        }
        if rescanRoot {
            summary.add(try scan(root: root))
        } else {
            for path in scans { summary.add(try scan(root: root, scope: path, priority: .live, shouldStop: { false })) }
        }
        // Only live work: a rescan's or first crawl's queue is drained by that crawl.
        summary.add(try drain(rootID: rootID, upTo: .live))
        return summary
    }

    /// Re-keys a renamed file when the new path is the same file (device, inode) as the catalogued one.
    private func moveFile(from: RawPath, to: RawPath, root: RootConfiguration, rootID: Int64,
                          into batch: inout IndexBatch) throws -> Bool {
        guard let entry = try store.catalogEntry(rootID: rootID, path: from),
              case .success(let info) = PathOpener.lstat(root: root.path, relative: to),
              info.st_mode & S_IFMT == S_IFREG else { return false }
        let stat = FileStat(info)
        guard stat.device == entry.stat.device, stat.inode == entry.stat.inode, stat.size == entry.stat.size,
              stat.mtimeNs == entry.stat.mtimeNs, let stored = try store.storedContent(fileID: entry.fileID) else { return false }
        let (record, document) = DocumentBuilder.build(rootID: rootID, path: to, stat: stat, stored: stored)
        batch.move(fileID: entry.fileID, to: record, document)
        return true
    }

    /// A renamed directory: every file below keeps its document under the new prefix.
    private func moveSubtree(from: RawPath, to: RawPath, rootID: Int64, into batch: inout IndexBatch) throws -> Int {
        var moved = 0
        for entry in try store.catalog(rootID: rootID, under: from).values {
            guard let stored = try store.storedContent(fileID: entry.fileID) else { continue }
            let (record, document) = DocumentBuilder.build(rootID: rootID, path: entry.path.replacingPrefix(from, with: to),
                                                           stat: entry.stat, stored: stored)
            batch.move(fileID: entry.fileID, to: record, document)
            moved += 1
        }
        var directories = Array(try store.directories(rootID: rootID, under: from).values)
        if let own = try store.directories(rootID: rootID, under: from.parent)[from] { directories.append(own) }
        for directory in directories {
            batch.deleteDirectory(rootID: rootID, path: directory.path)
            var renamed = directory
            renamed.path = directory.path.replacingPrefix(from, with: to)
            batch.putDirectory(rootID: rootID, renamed)
        }
        return moved
    }

    /// Deletes the file at `path`, or every file below it when it was a directory.
    private func deleteSubtree(_ path: RawPath, rootID: Int64, into batch: inout IndexBatch) throws -> Int {
        var deleted = 0
        if let entry = try store.catalogEntry(rootID: rootID, path: path) {
            batch.delete(fileID: entry.fileID)
            deleted += 1
        }
        for entry in try store.catalog(rootID: rootID, under: path).values {
            batch.delete(fileID: entry.fileID)
            deleted += 1
        }
        for directory in try store.directories(rootID: rootID, under: path).keys {
            batch.deleteDirectory(rootID: rootID, path: directory)
        }
        batch.deleteDirectory(rootID: rootID, path: path)
        return deleted
    }
}
