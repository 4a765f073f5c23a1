import Foundation
@testable import HDriveIndex
import HDriveCore
import Testing

@Suite struct PostingFormatTests {
    /// Documents 0, 3, 6, ... with positions that depend on the document.
    func makeList(documents: Int) -> (data: [UInt8], expected: [(Int, [[UInt32]])]) {
        var builder = PostingListBuilder()
        var expected: [(Int, [[UInt32]])] = []
        for n in 0..<documents {
            let doc = n * 3
            var positions = [[UInt32]](repeating: [], count: IndexField.count)
            positions[IndexField.body.rawValue] = (0..<UInt32(n % 4 + 1)).map { $0 * 5 + UInt32(n % 3) }
            if n % 5 == 0 { positions[IndexField.title.rawValue] = [UInt32(n % 7)] }
            builder.add(localDoc: doc, positions: positions)
            expected.append((doc, positions))
        }
        return (builder.encoded(), expected)
    }

    @Test func everyDocumentFrequencyAndPositionRoundTripsAcrossBlocks() throws {
        let (data, expected) = makeList(documents: 300)
        var cursor = try PostingCursor(data)
        #expect(cursor.blocks.count == 3)
        for (doc, positions) in expected {
            #expect(try cursor.next())
            #expect(cursor.doc == doc)
            #expect(cursor.frequencies[IndexField.body.rawValue] == UInt32(positions[IndexField.body.rawValue].count))
            #expect(try cursor.positions(in: .body) == positions[IndexField.body.rawValue])
            #expect(try cursor.positions(in: .title) == positions[IndexField.title.rawValue])
        }
        #expect(try cursor.next() == false)
    }

    @Test func advancingSkipsBlocksAndLandsOnTheNextDocument() throws {
        let (data, expected) = makeList(documents: 300)
        var cursor = try PostingCursor(data)
        #expect(try cursor.advance(to: 500))
        #expect(cursor.doc == 501)
        #expect(try cursor.positions(in: .body) == expected[167].1[IndexField.body.rawValue])
        #expect(try cursor.advance(to: 501))
        #expect(cursor.doc == 501)
        #expect(try cursor.advance(to: 897))
        #expect(cursor.doc == 897)
        #expect(try cursor.advance(to: 898) == false)
    }

    @Test func positionsCanBeSkippedForDocumentsThatDoNotNeedThem() throws {
        let (data, expected) = makeList(documents: 40)
        var cursor = try PostingCursor(data)
        for _ in 0..<10 { _ = try cursor.next() }
        #expect(try cursor.positions(in: .body) == expected[9].1[IndexField.body.rawValue])
    }

    /// Cursors are values: a copy walks on its own, though both decoded the same block.
    @Test func aCopiedCursorWalksIndependently() throws {
        let (data, expected) = makeList(documents: 300)
        var original = try PostingCursor(data)
        #expect(try original.advance(to: 30))
        var copy = original
        #expect(try copy.advance(to: 600))
        #expect(copy.doc == 600)
        #expect(try copy.positions(in: .body) == expected[200].1[IndexField.body.rawValue])
        #expect(original.doc == 30)
        #expect(original.frequencies[IndexField.body.rawValue] == UInt32(expected[10].1[IndexField.body.rawValue].count))
        #expect(try original.next())
        #expect(original.doc == 33)
        #expect(try original.positions(in: .body) == expected[11].1[IndexField.body.rawValue])
    }

    /// Positions of a document reached by skipping, then of one reached by stepping, in the
    /// same block: the positions of every document walked past in between are skipped.
    @Test func positionsFollowTheCursorThroughAdvancesAndSteps() throws {
        let (data, expected) = makeList(documents: 300)
        var cursor = try PostingCursor(data)
        for n in stride(from: 5, to: 300, by: 37) {
            #expect(try cursor.advance(to: n * 3 - 1))
            #expect(cursor.doc == n * 3)
            #expect(try cursor.positions(in: .title) == expected[n].1[IndexField.title.rawValue])
            #expect(try cursor.next())
            #expect(try cursor.positions(in: .body) == expected[n + 1].1[IndexField.body.rawValue])
        }
    }

    /// A directory whose last document disagrees with its block is refused, not walked past.
    @Test func aBlockThatEndsElsewhereThanItsDirectorySaysIsCorrupt() throws {
        var builder = PostingListBuilder()
        for doc in [2, 4, 9] { builder.add(localDoc: doc, positions: [[], [], [], [0], []]) }
        var data = builder.encoded()
        // The unbounded single-block layout: count, block count, then the block's last document.
        #expect(data[0] == 3 && data[1] == 1 && data[2] == 9)
        data[2] = 8
        var cursor = try PostingCursor(data)
        #expect(throws: IndexError.self) { try cursor.next() }
    }

    /// A block's bound is its best document's weighted frequency under the list's references,
    /// rounded up; a list of one block carries none.
    @Test(arguments: [100, 300])
    func blockBoundsAreTheBestDocumentOfEachBlock(documents: Int) throws {
        var builder = PostingListBuilder()
        var lengths: [Int: FieldFrequencies] = [:]
        var frequencies: [Int: FieldFrequencies] = [:]
        for n in 0..<documents {
            var tf = FieldFrequencies(), length = FieldFrequencies()
            tf[IndexField.body.rawValue] = UInt32(n % 5 + 1)
            length[IndexField.body.rawValue] = UInt32(20 + (n * 37) % 200)
            if n % 7 == 0 { tf[IndexField.title.rawValue] = 1; length[IndexField.title.rawValue] = UInt32(3 + n % 9) }
            builder.add(localDoc: n * 2, positions: IndexField.allCases.map { field in (0..<tf[field.rawValue]).map { $0 } })
            lengths[n * 2] = length
            frequencies[n * 2] = tf
        }
        var references = SIMD8<Float>()
        references[IndexField.body.rawValue] = 140
        references[IndexField.title.rawValue] = 8
        let data = builder.encoded(lengths: { lengths[$0] ?? FieldFrequencies() }, references: references)
        var cursor = try PostingCursor(data)
        guard documents > PostingListBuilder.blockSize else {
            #expect(cursor.references == nil)
            return
        }
        #expect(cursor.references == references)
        var best: [Int: Double] = [:]
        while try cursor.next() {
            let weighted = ScoreBounds.weighted(frequencies: frequencies[cursor.doc]!, lengths: lengths[cursor.doc]!, references: references)
            #expect(weighted <= Double(cursor.blockBound))
            best[cursor.blockLastDoc] = max(best[cursor.blockLastDoc] ?? 0, weighted)
        }
        #expect(best.count == (documents + PostingListBuilder.blockSize - 1) / PostingListBuilder.blockSize)
        var walk = try PostingCursor(data)
        for (last, value) in best.sorted(by: { $0.key < $1.key }) {
            #expect(try walk.advance(to: last))
            #expect(Double(walk.blockBound) >= value && Double(walk.blockBound) < value * (1 + 1e-6), "block ending \(last)")
        }
    }

    /// Lists written before bounds (format 2) still read: their blocks are unbounded.
    @Test func aFormat2ListOfTwoBlocksStillReads() throws {
        let body: UInt8 = 1 << 3
        let data: [UInt8] = [2, 2,                       // documents, blocks
                             0, 3, 1, body, 1,           // block 1: last doc 0, bytes, body max 1
                             5, 3, 2, body, 2,           // block 2: last doc 5, bytes, body max 2
                             1, body, 1, 3,              // doc 0: tf 1 at position 3
                             5, body, 2, 1, 2]           // doc 5: tf 2 at positions 1, 3
        var cursor = try PostingCursor(data)
        #expect(cursor.references == nil)
        #expect(try cursor.next() && cursor.doc == 0)
        #expect(try cursor.positions(in: .body) == [3])
        #expect(cursor.blockBound == .infinity)
        #expect(try cursor.next() && cursor.doc == 5)
        #expect(try cursor.positions(in: .body) == [1, 3])
        #expect(cursor.maxima[IndexField.body.rawValue] == 2)
        #expect(try cursor.next() == false)
    }

    @Test func truncatedListsAreCorruptNotACrash() {
        let (data, _) = makeList(documents: 200)
        for cut in [1, 5, data.count / 2, data.count - 1] {
            #expect(throws: IndexError.self) {
                var cursor = try PostingCursor(Array(data.prefix(cut)))
                while try cursor.next() { _ = try cursor.positions(in: .body) }
            }
        }
    }
}

@Suite struct CivilDateTests {
    @Test func yearsMatchTheCalendar() {
        let cases: [(Int64, Int)] = [
            (0, 1970), (-1, 1969), (951_782_400, 2000),   // 2000-02-29
            (1_199_145_599, 2007), (1_199_145_600, 2008),  // the first second of 2008
            (1_230_767_999, 2008), (4_102_444_800, 2100), (-2_208_988_800, 1900),
        ]
        for (seconds, year) in cases {
            #expect(CivilDate.from(daysSince1970: CivilDate.days(unixSeconds: seconds)).year == year, "\(seconds)")
        }
        #expect(CivilDate.from(daysSince1970: CivilDate.days(unixSeconds: 951_782_400)) == (2000, 2, 29))
        #expect(CivilDate.from(daysSince1970: CivilDate.days(unixSeconds: -1)) == (1969, 12, 31))
    }

    /// Written as Foundation's `.iso8601` style writes the same moment (randomized, 1900-2200).
    @Test func iso8601IsFoundationsFormat() {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, -1, 59, 86_399, 86_400, 951_782_400, -2_208_988_800, 7_258_118_399]
        for seconds in edges + (0..<2000).map({ _ in Int64.random(in: -2_208_988_800...7_258_118_399, using: &generator) }) {
            let expected = Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
            #expect(CivilDate.iso8601(unixSeconds: seconds) == expected, "\(seconds)")
        }
        #expect(CivilDate.iso8601(unixSeconds: -62_135_596_800 + 86_400 * 400) == "0002-02-05T00:00:00Z")
    }
}

extension PostingListBuilder {
    /// `positions[field]` holds the term's word positions in that field, ascending.
    mutating func add(localDoc: Int, positions: [[UInt32]]) {
        var frequencies = FieldFrequencies()
        for field in 0..<IndexField.count { frequencies[field] = UInt32(positions[field].count) }
        add(localDoc: localDoc, frequencies: frequencies, positions: positions.joined())
    }

    /// `positions`: field after field, each field's ascending, as many as `frequencies` says;
    /// encoded as a segment's records hold them.
    mutating func add(localDoc: Int, frequencies: FieldFrequencies, positions: some Collection<UInt32>) {
        var encoded = [UInt8](repeating: 0, count: positions.count * 5)
        let count = encoded.withUnsafeMutableBufferPointer { buffer in
            var count = 0
            Self.write(positions, frequencies, into: buffer, at: &count)
            return count
        }
        encoded.prefix(count).withUnsafeBytes { add(localDoc: localDoc, frequencies: frequencies, encodedPositions: $0) }
    }

    /// Scoring reads field lengths from 16 bits when every length of the segment fits, and from
    /// the stored 32 bits when one does not: the same values either way.
    @Test func fieldLengthsAreExactWhateverTheirSize() throws {
        for longest in [UInt32(40), 65_534, 65_535, 3_000_000] {
            let lengths: [[UInt32]] = [[1, 0, 2, 300, 0], [0, 5, 0, longest, 7], [2, 2, 2, 2, 2]]
            var norms: [UInt8] = []
            for document in lengths { for length in document { norms.appendUInt32LE(length) } }
            let segment = try SegmentInfo(id: 1, baseDoc: 0, docCount: lengths.count, deletedCount: 0, norms: norms, deletions: [0])
            for (local, document) in lengths.enumerated() {
                let read = segment.fieldLengths(local)
                for field in IndexField.allCases {
                    #expect(read[field.rawValue] == Double(document[field.rawValue]), "\(longest): document \(local), \(field)")
                    #expect(segment.fieldLength(local, field) == document[field.rawValue])
                }
                for lane in IndexField.count..<8 { #expect(read[lane] == 0) }
            }
        }
    }
}
