/// Decides which segments to merge: every commit adds a small segment, and a search pays for
/// each one, so segments of similar size are merged once a tier holds too many (as Lucene's
/// tiered policy does), and a segment that is mostly tombstones is rewritten to reclaim them.
public struct MergePolicy: Sendable, Equatable {
    /// A tier holds segments within this factor of each other's live size.
    public var tierFactor = 10
    /// Segments of one tier merged at once, and how many a tier may hold before that.
    public var segmentsPerTier = 8
    /// Segments smaller than this count as the smallest tier.
    public var floorDocuments = 1000
    /// A segment with this share of deleted documents is rewritten on its own.
    public var maxDeletedShare = 0.3

    public init() {}

    public struct Segment: Equatable, Sendable {
        public var id: Int64
        public var docCount: Int
        public var deletedCount: Int
        public init(id: Int64, docCount: Int, deletedCount: Int) {
            self.id = id
            self.docCount = docCount
            self.deletedCount = deletedCount
        }
        var live: Int { docCount - deletedCount }
    }

    /// The segments to merge into one now, or nil.
    public func nextMerge(_ segments: [Segment]) -> [Int64]? {
        var tiers: [Int: [Segment]] = [:]
        for segment in segments { tiers[tier(of: segment.live), default: []].append(segment) }
        for level in tiers.keys.sorted() {
            let members = tiers[level]!.sorted { $0.live != $1.live ? $0.live < $1.live : $0.id < $1.id }
            if members.count >= segmentsPerTier { return members.prefix(segmentsPerTier).map(\.id) }
        }
        if let worn = segments.first(where: { $0.docCount > 0 && Double($0.deletedCount) / Double($0.docCount) >= maxDeletedShare }) {
            return [worn.id]
        }
        return nil
    }

    private func tier(of live: Int) -> Int {
        var level = 0
        var bound = floorDocuments
        while live >= bound { level += 1; bound *= tierFactor }
        return level
    }
}
