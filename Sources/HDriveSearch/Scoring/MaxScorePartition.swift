/// MaxScore's split of a query's optional words (Turtle and Flood, 1995): sorted by the most
/// each can add, the longest run of the weakest whose bounds together cannot reach the page is
/// non-essential. Their documents are no candidates of their own; they are only probed on the
/// others' candidates. The long sentences users paste hold "the", "of" and "in": with them as
/// candidates, every document was one.
struct MaxScorePartition {
    /// Optional groups by bound, ascending.
    private let ascending: [Int]
    /// Optional groups by bound, largest first: the order a candidate probes them in, so that
    /// it is given up as early as the rest cannot lift it into the page.
    let probeOrder: [Int]
    /// `prefixBound[n]`: the bounds of the `n` weakest groups together.
    private let prefixBound: [Double]
    /// How many of the weakest groups are non-essential; it only grows, as the threshold does.
    private var nonEssential = 0

    init(optional: [Int], bound: [Double]) {
        ascending = optional.sorted { (bound[$0], $0) < (bound[$1], $1) }
        probeOrder = ascending.reversed()
        var sums = [0.0]
        for group in ascending { sums.append(sums[sums.count - 1] + bound[group]) }
        prefixBound = sums
    }

    /// The groups whose documents are candidates.
    var essential: ArraySlice<Int> { ascending[nonEssential...] }

    /// True when some documents (those only non-essential groups hold) are passed over.
    var skipsSome: Bool { nonEssential > 0 }

    /// True when not even all optional groups together can reach the page.
    var isExhausted: Bool { !ascending.isEmpty && nonEssential == ascending.count }

    /// Moves every group whose bound, with the weaker ones', `cannotEnter` the page.
    mutating func update(cannotEnter: (Double) -> Bool) {
        while nonEssential < ascending.count && cannotEnter(prefixBound[nonEssential + 1]) { nonEssential += 1 }
    }
}
