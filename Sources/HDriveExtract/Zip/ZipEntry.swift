/// One file in a ZIP central directory. The name is display data only: nothing is ever
/// written to disk, so `../x` or `C:\x` are harmless here.
struct ZipEntry: Sendable, Equatable {
    var name: String
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    /// Offset of the local file header.
    var localHeaderOffset: Int
    /// Offset of the entry's data, found by reading its local header when the archive opens.
    var dataOffset: Int = 0

    /// Traditional PKWARE encryption (bit 0) or strong encryption (bit 6).
    var isEncrypted: Bool { flags & 0x0001 != 0 || flags & 0x0040 != 0 || method == 99 }
    /// Sizes and CRC follow the data (bit 3); the central directory holds the true values.
    var hasDataDescriptor: Bool { flags & 0x0008 != 0 }
}

/// Record signatures and fixed sizes from PKWARE's APPNOTE.TXT.
enum ZipLayout {
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endOfCentralDirectorySize = 22
    static let zip64LocatorSize = 20
    static let zip64ExtraID: UInt16 = 0x0001
    static let maxCommentLength = 0xFFFF
}
