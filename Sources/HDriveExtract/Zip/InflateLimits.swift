import HDriveCore

/// Limits on what one entry may inflate to; bytes actually inflated are counted, header sizes
/// are not trusted.
struct InflateLimits {
    var maxBytes: Int
    /// Output may exceed this multiple of the compressed size only below `ratioFloor` bytes.
    var maxRatio: Int
    var ratioFloor: Int
    /// What the whole file may still inflate to, shared by all its entries.
    var budget: InflateBudget?
    var deadline: Deadline?

    init(_ configuration: ExtractConfiguration, budget: InflateBudget? = nil, deadline: Deadline? = nil) {
        maxBytes = Int(clamping: configuration.maxInflatedBytesPerEntry)
        maxRatio = configuration.maxCompressionRatio
        ratioFloor = configuration.compressionRatioFloor
        self.budget = budget
        self.deadline = deadline
    }
}

/// Bytes that all entries of one file on disk may inflate to together, nested archives
/// included: a per-entry cap alone lets 65,536 entries of 256 MiB each through.
final class InflateBudget {
    let total: Int
    private(set) var spent = 0

    init(total: Int) {
        self.total = total
    }

    /// The refusal to give if `bytes` more were inflated, or nil when they fit.
    func refusal(ifSpending bytes: Int) -> ExtractionFailure? {
        guard bytes > total - spent else { return nil }
        return ExtractionFailure(.tooLarge, "archive inflates to more than \(ByteCount.format(Int64(total))) in total "
                                 + "(suspected zip bomb)")
    }

    func spend(_ bytes: Int) {
        spent += bytes
    }
}
