import Foundation
import HDriveCore

/// One line of /proc/self/mountinfo.
public struct MountEntry: Sendable, Equatable {
    public var mountPoint: String
    public var fsType: String
    public var source: String
}

/// The kernel's mount table, to tell which mount holds a root and what file system it is.
public struct MountTable: Sendable {
    public var entries: [MountEntry]

    public init(entries: [MountEntry]) { self.entries = entries }

    /// Parses mountinfo(5) text: "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw".
    public init(mountinfo text: String) {
        entries = text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 7, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count else { return nil }
            return MountEntry(mountPoint: Self.unescape(fields[4]), fsType: fields[dash + 1],
                              source: dash + 2 < fields.count ? Self.unescape(fields[dash + 2]) : "")
        }
    }

    /// Reads this process's mount table; empty when /proc is not mounted.
    public static func current() -> MountTable {
        // /proc files report size 0: read to EOF rather than by size.
        let data = FileHandle(forReadingAtPath: "/proc/self/mountinfo")?.readDataToEndOfFile() ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return MountTable(mountinfo: text)
    }

    /// The mount holding `path` (absolute, canonical): the last-mounted entry with the longest
    /// mount point that is a prefix of it.
    public func mount(containing path: String) -> MountEntry? {
        var best: MountEntry?
        for entry in entries where RawPath(path).isInside(RawPath(entry.mountPoint == "/" ? "" : entry.mountPoint)) {
            if best == nil || entry.mountPoint.utf8.count >= best!.mountPoint.utf8.count { best = entry }
        }
        return best
    }

    /// True when something is mounted exactly at `path`.
    public func isMountPoint(_ path: String) -> Bool {
        entries.contains { $0.mountPoint == path }
    }

    /// mountinfo escapes space, tab, newline and backslash as \ooo.
    static func unescape(_ field: String) -> String {
        guard field.contains("\\") else { return field }
        var bytes: [UInt8] = []
        let source = Array(field.utf8)
        var index = 0
        while index < source.count {
            if source[index] == 0x5C, index + 3 < source.count,
               let value = UInt8(String(decoding: source[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What kind of file system a root lives on, and what that means for seeing its changes.
public enum FileSystemKind: String, Sendable, Codable {
    case local
    /// CIFS/SMB: inotify sees only this machine's own changes.
    case smb
    case nfs
    /// FUSE (sshfs, bindfs, ...): changes behind the mount are invisible to inotify.
    case fuse
    case otherNetwork = "network"

    /// True when other clients' changes cannot be seen live: periodic rescans are the truth.
    public var needsRescans: Bool { self != .local }

    /// From statfs(2)'s f_type.
    public init(magic: Int64, fsType: String?) {
        switch UInt32(truncatingIfNeeded: magic) {
        case 0xFF53_4D42, 0xFE53_4D42, 0x517B: self = .smb
        case 0x6969: self = .nfs
        case 0x6573_5546: self = .fuse
        default: self.init(fsType: fsType ?? "")
        }
    }

    /// From mountinfo's file system type.
    public init(fsType: String) {
        switch fsType {
        case "cifs", "smb3", "smbfs": self = .smb
        case "nfs", "nfs4": self = .nfs
        case "ceph", "glusterfs", "afs", "9p", "lustre", "gfs2", "ocfs2": self = .otherNetwork
        default: self = fsType.hasPrefix("fuse") ? .fuse : .local
        }
    }
}
