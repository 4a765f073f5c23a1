/// Bytes written in place: an array kept larger than what it holds, so that writing a posting's
/// few bytes is a few stores. `Array.append(contentsOf:)` costs tens of nanoseconds a call
/// whatever the count, and appending byte by byte checks the array is unshared every time:
/// either was a twentieth of a build.
struct ByteWriter {
    private var storage: [UInt8] = []
    private(set) var count = 0

    /// Lets `body` write at most `capacity` bytes at the end; it returns how many it wrote.
    @inline(__always)
    mutating func write(capacity: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        if count + capacity > storage.count {
            // Doubling, but no more than asked for at first: most lists hold one posting.
            storage += repeatElement(0, count: max(count + capacity - storage.count, storage.count))
        }
        let start = count
        count += storage.withUnsafeMutableBufferPointer { buffer in
            body(UnsafeMutableBufferPointer(rebasing: buffer[start..<start + capacity]))
        }
    }

    /// What was written.
    var bytes: ArraySlice<UInt8> { storage[..<count] }

    /// Empties it, keeping its room.
    mutating func removeAll() { count = 0 }
}
