#if canImport(Glibc)
import Glibc
#endif
import HDriveCore
import HDriveIndex

/// Looks at a root on disk: can it be opened and listed, is the expected file system mounted
/// there, is the sentinel present, and what kind of file system holds it.
struct RootProbe {
    let root: RootConfiguration

    struct Finding {
        var verdict: RootHealthPolicy.Verdict
        var kind: FileSystemKind
        var mount: MountEntry?
        /// The root directory's (device, inode): a scan compares it before and after walking.
        var identity: DeviceInode?
    }

    func probe(mounts: MountTable = MountTable.current()) -> Finding {
        var observation = RootObservation(openError: nil, listError: nil, isMountPoint: false, sentinelFound: nil)
        let canonical = Self.canonical(root.path) ?? root.path.displayString
        let mount = mounts.mount(containing: canonical)
        var kind = FileSystemKind(fsType: mount?.fsType ?? "")
        var identity: DeviceInode?
        let fd = open(root.path.cString, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            observation.openError = Errno.describe(errno)
        } else {
            defer { close(fd) }
            var info = stat()
            var parent = stat()
            if fstat(fd, &info) == 0 { identity = DeviceInode(info) }
            let parentKnown = fstatat(fd, "..", &parent, 0) == 0
            observation.isMountPoint = mounts.isMountPoint(canonical) || (parentKnown && parent.st_dev != info.st_dev)
            if let magic = FileSystemMagic.of(fd) { kind = FileSystemKind(magic: magic, fsType: mount?.fsType) }
            observation.listError = Self.listError(fd)
            if let sentinel = root.sentinel {
                observation.sentinelFound = sentinel.withCString { faccessat(fd, $0, F_OK, AT_SYMLINK_NOFOLLOW) } == 0
            }
        }
        let policy = RootHealthPolicy(expectMountPoint: root.mountPoint, sentinel: root.sentinel)
        return Finding(verdict: policy.evaluate(observation), kind: kind, mount: mount, identity: identity)
    }

    /// Reads the first entries: an unmounted CIFS share can open but fail to list (ENOTCONN, EIO).
    private static func listError(_ fd: Int32) -> String? {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            let code = errno
            if copy >= 0 { close(copy) }
            return Errno.describe(code)
        }
        defer { closedir(dir) }
        errno = 0
        if readdir(dir) == nil && errno != 0 { return Errno.describe(errno) }
        return nil
    }

    static func canonical(_ path: RawPath) -> String? {
        guard let real = realpath(path.cString, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
