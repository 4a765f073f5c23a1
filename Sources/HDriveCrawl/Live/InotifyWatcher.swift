#if canImport(Glibc)
import Glibc
#endif
import HDriveCore

/// Recursive inotify watches on one root. Directories are watched as they appear; where the
/// kernel's watch limit is reached (or a path is too long to watch), the directory is listed in
/// `polledDirectories` and must be rescanned on a timer instead.
final class InotifyWatcher: @unchecked Sendable {
    // inotify(7) constants; Swift's Glibc module does not export all of them.
    static let modify: UInt32 = 0x2, attrib: UInt32 = 0x4, closeWrite: UInt32 = 0x8
    static let movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80, create: UInt32 = 0x100, delete: UInt32 = 0x200
    static let deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800, overflow: UInt32 = 0x4000, ignored: UInt32 = 0x8000
    static let onlyDir: UInt32 = 0x0100_0000, dontFollow: UInt32 = 0x0200_0000, exclUnlink: UInt32 = 0x0400_0000
    static let isDir: UInt32 = 0x4000_0000
    static let mask = modify | attrib | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf
        | onlyDir | dontFollow | exclUnlink

    let root: RawPath
    let fd: Int32
    private let excludes: ExcludeMatcher
    /// A cap below the kernel's, for tests and for leaving watches to other programs.
    private let maxWatches: Int?
    private var paths: [Int32: RawPath] = [:]
    private var watches: [RawPath: Int32] = [:]
    private(set) var polledDirectories: Set<RawPath> = []

    init(root: RawPath, excludes: ExcludeMatcher, maxWatches: Int? = nil) throws {
        self.root = root
        self.excludes = excludes
        self.maxWatches = maxWatches
        fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard fd >= 0 else { throw Errno.Code(errno) }
    }

    deinit { close(fd) }

    var watchCount: Int { watches.count }

    /// Watches `directory` (relative) and every directory below it.
    func watchTree(_ directory: RawPath) {
        guard addWatch(directory) else { return }
        let walker = ParallelWalker(root: root, excludes: excludes, options: WalkOptions(threads: 2))
        _ = try? walker.walk(scope: directory, shouldStop: { false }) { listing in
            for sub in listing.subdirectories { _ = self.addWatch(sub.path) }
        }
    }

    /// False when the directory could not be watched (it is polled instead, if it exists).
    @discardableResult
    func addWatch(_ directory: RawPath) -> Bool {
        if watches[directory] != nil { return true }
        let full = root.appending(directory)
        let limited = maxWatches.map { watches.count >= $0 } ?? false
        let wd: Int32 = limited || full.bytes.count >= PathOpener.directLimit
            ? -1 : inotify_add_watch(fd, full.cString, Self.mask)
        let code = limited ? ENOSPC : errno
        guard wd >= 0 else {
            if code != ENOENT && code != ENOTDIR { polledDirectories.insert(directory) }
            return false
        }
        paths[wd] = directory
        watches[directory] = wd
        polledDirectories.remove(directory)
        return true
    }

    /// Reads what is available (never blocks) and turns it into events with relative paths.
    func read() -> [WatchEvent] {
        var events: [WatchEvent] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let (wd, mask, cookie, length) = buffer.withUnsafeBytes { raw in
                    (raw.load(fromByteOffset: offset, as: Int32.self), raw.load(fromByteOffset: offset + 4, as: UInt32.self),
                     raw.load(fromByteOffset: offset + 8, as: UInt32.self), Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)]
                let name = Array(nameBytes.prefix { $0 != 0 })
                offset += 16 + length
                if let event = translate(wd: wd, mask: mask, cookie: cookie, name: name) { events.append(event) }
            }
        }
        return events
    }

    private func translate(wd: Int32, mask: UInt32, cookie: UInt32, name: [UInt8]) -> WatchEvent? {
        if mask & Self.overflow != 0 { return WatchEvent(.overflow, RawPath(bytes: [])) }
        guard let directory = paths[wd] else { return nil }
        if mask & Self.ignored != 0 {
            paths.removeValue(forKey: wd)
            if watches[directory] == wd { watches.removeValue(forKey: directory) }
            return nil
        }
        if mask & (Self.deleteSelf | Self.moveSelf) != 0 { return nil }  // reported by the parent
        let path = directory.appending(name)
        if excludes.excludes(name: name, relativePath: path) { return nil }
        let isDirectory = mask & Self.isDir != 0
        let kind: WatchEvent.Kind
        if mask & Self.create != 0 { kind = .created }
        else if mask & Self.closeWrite != 0 { kind = .closedWrite }
        else if mask & Self.modify != 0 { kind = .modified }
        else if mask & Self.attrib != 0 { kind = .attributes }
        else if mask & Self.delete != 0 { kind = .deleted }
        else if mask & Self.movedFrom != 0 { kind = .movedFrom }
        else if mask & Self.movedTo != 0 { kind = .movedTo }
        else { return nil }
        return WatchEvent(kind, path, isDirectory: isDirectory, cookie: cookie)
    }

    /// A directory was renamed inside the root: its watches (and those below) keep working,
    /// only their paths change.
    func renameWatches(from old: RawPath, to new: RawPath) {
        for (path, wd) in watches where path.isInside(old) {
            let moved = path.replacingPrefix(old, with: new)
            watches.removeValue(forKey: path)
            watches[moved] = wd
            paths[wd] = moved
        }
        for path in polledDirectories where path.isInside(old) {
            polledDirectories.remove(path)
            polledDirectories.insert(path.replacingPrefix(old, with: new))
        }
    }

    /// A directory left the root (or vanished): stop watching it and what was below it.
    func dropWatches(under directory: RawPath) {
        for (path, wd) in watches where path.isInside(directory) {
            inotify_rm_watch(fd, wd)
            watches.removeValue(forKey: path)
            paths.removeValue(forKey: wd)
        }
        polledDirectories = polledDirectories.filter { !$0.isInside(directory) }
    }
}
