extension RandomAccessCollection where Index == Int, Element: Comparable {
    /// In ascending elements, the first index at or after `from` whose element is at least
    /// `target` (`endIndex` if none): galloping (steps of 1, 2, 4...) then a binary search within
    /// the last step, since what a cursor seeks next is most often near.
    @inline(__always)
    func gallop(to target: Element, from: Int) -> Int {
        guard from < endIndex, self[from] < target else { return from }
        var low = from, step = 1
        while low + step < endIndex && self[low + step] < target {
            low += step
            step <<= 1
        }
        // self[low] < target <= self[low + step] (or past the end).
        var high = Swift.min(low + step, endIndex)
        low += 1
        while low < high {
            let middle = (low + high) >> 1
            if self[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
