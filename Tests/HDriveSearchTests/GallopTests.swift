@testable import HDriveSearch
import Testing

@Suite struct GallopTests {
    /// Galloping finds what a linear scan finds, from any start, for targets before, inside and
    /// past ascending lists of any length.
    @Test func gallopingFindsWhatAScanFinds() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 7, 64, 300] {
            var value = 0
            let docs = (0..<length).map { _ in value += Int.random(in: 1...5, using: &generator); return value }
            for from in 0...length {
                for target in -1...(value + 2) {
                    let scanned = (from..<length).first { docs[$0] >= target } ?? length
                    #expect(docs.gallop(to: target, from: from) == scanned, "\(docs) from \(from) to \(target)")
                }
            }
        }
    }
}
