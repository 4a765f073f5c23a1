@testable import HDriveIndex
import Testing

/// A posting's bytes are written in place, and as many as a varint takes.
@Suite struct ByteWriterTests {
    @Test func varintLengthsMatchWhatIsWritten() {
        var generator = SystemRandomNumberGenerator()
        let values: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, .max] + (0..<1_000).map { _ in UInt64.random(in: 0 ... .max, using: &generator) >> UInt64.random(in: 0...63, using: &generator) }
        for value in values {
            var appended: [UInt8] = []
            VarInt.append(value, to: &appended)
            #expect(VarInt.length(value) == appended.count, "\(value)")
        }
    }

    @Test func writesAccumulateAcrossGrowth() {
        var writer = ByteWriter()
        var expected: [UInt8] = []
        for round in 0..<300 {
            let piece = (0..<(round % 17)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ round) }
            writer.write(capacity: piece.count + 3) { buffer in
                for (index, byte) in piece.enumerated() { buffer[index] = byte }
                return piece.count
            }
            expected += piece
        }
        #expect(Array(writer.bytes) == expected)
        writer.removeAll()
        #expect(writer.bytes.isEmpty && writer.count == 0)
    }
}
