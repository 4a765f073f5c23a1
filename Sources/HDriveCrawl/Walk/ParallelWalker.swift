#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HDriveCore
import HDriveIndex

/// Walks a tree with a bounded number of directories in flight, each opened relative to its
/// parent's descriptor (openat/fdopendir): names stay raw bytes and paths of any length work.
/// Listings reach `sink` one at a time, in no particular order, while the walk goes on. A walk
/// that makes no progress (no directory listed, no 512 entries read) for
/// `WalkOptions.stallTimeout` (a hung network mount) is abandoned: `walk` throws `Stalled`
/// without waiting for the stuck threads.
final class ParallelWalker: @unchecked Sendable {
    struct RootUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    struct Stalled: Error, CustomStringConvertible {
        var timeout: Duration
        var description: String { "not responding: no directory listed for \(timeout)" }
    }

    private struct Task {
        var parent: DirectoryHandle
        var name: [UInt8]
        var path: RawPath
    }

    let root: RawPath
    let excludes: ExcludeMatcher
    let options: WalkOptions
    private let condition = NSCondition()
    /// Serializes the sink, apart from the walk's own lock so listing goes on meanwhile.
    private let sinkLock = NSLock()
    private var stack: [Task] = []
    private var active = 0
    private var report = WalkReport()
    private var rootDevice: UInt64 = 0
    private var resolver: SymlinkResolver?
    private var startError: RootUnavailable?
    private var lastProgress: UInt64 = 0
    /// Set when the walk is given up: stragglers queue nothing more (under `condition`)...
    private var abandoned = false
    /// ...and deliver nothing more (under `sinkLock`).
    private var sinkClosed = false
    private let threadsDone = DispatchGroup()

    init(root: RawPath, excludes: ExcludeMatcher, options: WalkOptions) {
        self.root = root
        self.excludes = excludes
        self.options = options
    }

    /// Walks `scope` (relative; empty for the whole root). `sink` is called one listing at a time.
    func walk(scope: RawPath = RawPath(bytes: []), shouldStop: @escaping () -> Bool,
              sink: @escaping (DirectoryListing) -> Void) throws -> WalkReport {
        let body = UncheckedBox((shouldStop, sink))
        condition.withLock {
            active = 1  // the start, until the first directory is open
            lastProgress = DispatchTime.now().uptimeNanoseconds
        }
        for index in 0..<options.threads {
            threadsDone.enter()
            Thread.detachNewThread { [self] in
                if index == 0 { self.start(scope: scope) }
                self.work(shouldStop: body.value.0, sink: body.value.1)
                threadsDone.leave()
            }
        }
        guard let timeout = options.stallTimeout else {
            threadsDone.wait()
            return try finished()
        }
        let limit = UInt64(timeout.components.seconds) * 1_000_000_000 + UInt64(timeout.components.attoseconds / 1_000_000_000)
        let tick = DispatchTimeInterval.nanoseconds(Int(min(limit / 4 + 1, 1_000_000_000)))
        while threadsDone.wait(timeout: .now() + tick) == .timedOut {
            let idle = condition.withLock { DispatchTime.now().uptimeNanoseconds - lastProgress }
            if idle >= limit {
                condition.withLock {
                    abandoned = true
                    stack.removeAll()
                    condition.broadcast()
                }
                sinkLock.withLock { sinkClosed = true }
                throw Stalled(timeout: timeout)
            }
        }
        return try finished()
    }

    /// Calls `body` once every thread of the walk has returned (at once if they have); after a
    /// stall that may be never.
    func whenThreadsExit(_ body: @escaping @Sendable () -> Void) {
        threadsDone.notify(queue: .global(), execute: body)
    }

    private func finished() throws -> WalkReport {
        try condition.withLock {
            if let startError { throw startError }
            return report
        }
    }

    /// Opens the start directory (the root, or `scope` in it) and queues it as the first task.
    private func start(scope: RawPath) {
        var first: Task?
        var failure: RootUnavailable?
        var scopeProblem: String?
        let rootFD = open(root.cString, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var info = stat()
        if rootFD < 0 {
            failure = RootUnavailable(description: "cannot open \(root): \(Errno.describe(errno))")
        } else {
            fstat(rootFD, &info)
            if scope.isEmpty {
                // The root itself is listed like any directory, through a dup of its descriptor.
                first = Task(parent: DirectoryHandle(fd: rootFD), name: [0x2E], path: scope)
            } else {
                close(rootFD)
                switch PathOpener.openDirectory(root: root, relative: scope.parent) {
                case .success(let fd):
                    first = Task(parent: DirectoryHandle(fd: fd), name: scope.lastComponent.bytes, path: scope)
                case .failure(let code):
                    scopeProblem = code.description
                }
            }
        }
        let resolver = options.followSymlinks && failure == nil ? SymlinkResolver(root: root) : nil
        condition.withLock {
            if let failure {
                startError = failure
            } else {
                rootDevice = UInt64(info.st_dev)
                report.root = FileStat(info)
                self.resolver = resolver
                if let scopeProblem { report.unreadableDirectories.append((scope, scopeProblem)) }
                if let first, !abandoned { stack.append(first) }
            }
            active -= 1
            lastProgress = DispatchTime.now().uptimeNanoseconds
            condition.broadcast()
        }
    }

    private func work(shouldStop: @escaping () -> Bool, sink: @escaping (DirectoryListing) -> Void) {
        while let task = next(shouldStop: shouldStop) {
            list(task, sink: sink)
            condition.lock()
            active -= 1
            if active == 0 && stack.isEmpty { condition.broadcast() }
            condition.unlock()
        }
    }

    private func next(shouldStop: () -> Bool) -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if abandoned { return nil }
            if shouldStop() {
                report.stopped = true
                stack.removeAll()
            }
            if let task = stack.popLast() {
                active += 1
                return task
            }
            if active == 0 {
                condition.broadcast()
                return nil
            }
            condition.wait()
        }
    }

    /// Hands a listing to the sink unless the walk was abandoned meanwhile.
    private func deliver(_ listing: DirectoryListing, to sink: (DirectoryListing) -> Void) {
        sinkLock.withLock { if !sinkClosed { sink(listing) } }
        condition.withLock { lastProgress = DispatchTime.now().uptimeNanoseconds }
    }

    private func list(_ task: Task, sink: (DirectoryListing) -> Void) {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW
        let fd = task.name.withCString { openat(task.parent.fd, $0, flags) }
        guard fd >= 0 else { return record(unreadable: task.path, errno) }
        let handle = DirectoryHandle(fd: fd)
        var info = stat()
        guard fstat(fd, &info) == 0 else { return record(unreadable: task.path, errno) }
        // A directory not entered is delivered empty: nothing is known to be below it any more.
        let skipped = DirectoryListing(path: task.path, files: [], subdirectories: [])
        if options.sameFileSystem && UInt64(info.st_dev) != rootDevice {
            condition.withLock { report.otherFileSystems += 1 }
            return deliver(skipped, to: sink)
        }
        let listFD = dup(fd)
        guard listFD >= 0, let dir = fdopendir(listFD) else {
            if listFD >= 0 { close(listFD) }
            return record(unreadable: task.path, errno)
        }
        defer { closedir(dir) }
        var listing = DirectoryListing(path: task.path, files: [], subdirectories: [])
        var children: [Task] = []
        var counts = (excluded: 0, links: 0, special: 0)
        var problem: Int32 = 0
        var entries = 0
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { problem = errno }
                break
            }
            let name = Self.name(of: entry)
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries += 1
            // A huge directory on a slow share is progress too, not a stall.
            if entries % 512 == 0 { condition.withLock { lastProgress = DispatchTime.now().uptimeNanoseconds } }
            let path = task.path.appending(name)
            if excludes.excludes(name: name, relativePath: path) { counts.excluded += 1; continue }
            var entryInfo = stat()
            guard name.withCString({ fstatat(fd, $0, &entryInfo, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                // Vanished since readdir: nothing to see. Anything else (no search permission,
                // I/O error) hides what the entry is, so the directory counts as unreadable.
                if errno != ENOENT { problem = errno }
                continue
            }
            if entryInfo.st_mode & S_IFMT == S_IFLNK {
                // A followed link stays inside the root, so a link to a directory leads to one
                // the walk lists under its own path anyway: only links to files are followed.
                // That also makes loops impossible, and which path a file is indexed under never
                // depends on which thread got somewhere first.
                guard options.followSymlinks, let target = followedTarget(dirFD: fd, name: name),
                      target.st_mode & S_IFMT == S_IFREG else {
                    counts.links += 1
                    continue
                }
                entryInfo = target
            }
            switch entryInfo.st_mode & S_IFMT {
            case S_IFDIR:
                listing.subdirectories.append(DirectoryRecord(path: path, mode: UInt32(entryInfo.st_mode),
                                                              uid: entryInfo.st_uid, gid: entryInfo.st_gid))
                children.append(Task(parent: handle, name: name, path: path))
            case S_IFREG:
                listing.files.append(WalkedFile(relativePath: path, stat: FileStat(entryInfo), linkCount: Int(entryInfo.st_nlink)))
                if let part = options.filesInParts, listing.files.count >= part {
                    deliver(DirectoryListing(path: task.path, files: listing.files, subdirectories: [], isPart: true), to: sink)
                    listing.files.removeAll(keepingCapacity: true)
                }
            default:
                counts.special += 1
            }
        }
        condition.lock()
        report.directories += 1
        report.excluded += counts.excluded
        report.skippedSymlinks += counts.links
        report.skippedSpecialFiles += counts.special
        if problem != 0 { report.unreadableDirectories.append((task.path, Errno.describe(problem))) }
        if !abandoned { stack.append(contentsOf: children) }
        condition.broadcast()
        condition.unlock()
        deliver(listing, to: sink)
    }

    /// The stat of a symlink's target, if it exists and stays inside the root.
    private func followedTarget(dirFD: Int32, name: [UInt8]) -> stat? {
        resolver?.resolve(dirFD: dirFD, name: name)?.info
    }

    private func record(unreadable path: RawPath, _ code: Int32) {
        condition.withLock { report.unreadableDirectories.append((path, Errno.describe(code))) }
    }

    private static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let length = bytes.firstIndex(of: 0) ?? bytes.count
            return Array(bytes[..<length])
        }
    }
}

/// A file's identity on this machine.
struct DeviceInode: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    init(device: UInt64, inode: UInt64) { self.device = device; self.inode = inode }
    init(_ info: stat) { self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) }
}
