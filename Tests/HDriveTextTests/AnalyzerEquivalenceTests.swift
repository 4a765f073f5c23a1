@testable import HDriveText
import Testing

/// The analyzer hands most words over as the text's own bytes and folds only words that need
/// it. Whatever the text, its tokens must be those of folding every word, byte by byte, as it
/// did before: the index and the queries must keep meeting.
@Suite struct AnalyzerEquivalenceTests {
    static let pieces = ["a", "b", "z", "A", "Q", "Z", "0", "7", " ", "  ", ".", "-", ",", "\n", "_", "'",
                         "é", "É", "ß", "ĳ", "Ĳ", "æ", "ø", "\u{301}", "\u{308}", "Ω", "ω", "漢", "🦠", "ﬁ", "İ", "ı", "٣"]

    @Test func tokensEqualFoldingEveryByte() {
        var seed: UInt64 = 7
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        let analyzer = Analyzer(maxTokenLength: 12)
        for _ in 0..<3000 {
            let text = (0..<(next() % 40)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            #expect(analyzer.tokens(in: text) == Self.reference(text, maxTokenLength: 12), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let long = String(repeating: "ab", count: 40)
        #expect(analyzer.tokens(in: "x \(long) y") == Self.reference("x \(long) y", maxTokenLength: 12))
    }

    /// The analyzer as it was: every word's bytes folded into a buffer.
    static func reference(_ text: String, maxTokenLength: Int) -> [Token] {
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var position = 0, index = 0, wordStart = -1, scalarCount = 0
        var folded: [UInt8] = []
        func finishWord(at end: Int) {
            if wordStart >= 0 && scalarCount <= maxTokenLength && !folded.isEmpty {
                tokens.append(Token(term: String(decoding: folded, as: UTF8.self), position: position, start: wordStart, end: end))
                position += 1
            }
            wordStart = -1
            folded.removeAll()
            scalarCount = 0
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if Analyzer.isASCIIWordByte(byte) {
                    if wordStart < 0 { wordStart = index }
                    folded.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    scalarCount += 1
                } else {
                    finishWord(at: index)
                }
                index += 1
                continue
            }
            let (scalar, length) = bytes.withUnsafeBufferPointer { Analyzer.decode($0, at: index) }
            if Analyzer.isWordScalar(scalar) {
                if wordStart < 0 { wordStart = index }
                var piece = ""
                CharacterFolding.appendFolded(scalar, to: &piece)
                folded.append(contentsOf: piece.utf8)
                scalarCount += 1
            } else if wordStart >= 0 && scalar.properties.generalCategory == .nonspacingMark {
            } else {
                finishWord(at: index)
            }
            index += length
        }
        finishWord(at: bytes.count)
        return tokens
    }
}
