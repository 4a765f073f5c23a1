/// The facts about a file that the catalog keeps to decide, without reading content,
/// whether it changed: (size, mtime, ctime, inode) inequality, never "newer than last scan".
public struct FileStat: Hashable, Sendable, Codable {
    public var size: Int64
    public var mtimeNs: Int64
    public var ctimeNs: Int64
    public var device: UInt64
    public var inode: UInt64
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32

    public init(size: Int64, mtimeNs: Int64, ctimeNs: Int64, device: UInt64, inode: UInt64,
                mode: UInt32, uid: UInt32, gid: UInt32) {
        self.size = size
        self.mtimeNs = mtimeNs
        self.ctimeNs = ctimeNs
        self.device = device
        self.inode = inode
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }

    /// True when the content may differ from what was indexed for `other`.
    public func contentMayDiffer(from other: FileStat) -> Bool {
        size != other.size || mtimeNs != other.mtimeNs || ctimeNs != other.ctimeNs || inode != other.inode
    }
}
