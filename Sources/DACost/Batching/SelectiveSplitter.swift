/// Splits transactions into batches exactly as `BatchSplitter` does (a batch closes before the transaction
/// that would take it past the target), numbering them, but copies the bytes only of the batches wanted:
/// a sampling pass keeps a few batches of a size, not one of every size at every moment.
struct SelectiveSplitter {
    let target: Int
    /// Batch indices to keep; nil keeps every batch.
    let wanted: Set<Int>?
    private var index = 0, size = 0, transactions = 0
    private var bytes: [UInt8] = [], lengths: [Int] = []

    init(target: Int, wanted: Set<Int>?) { self.target = target; self.wanted = wanted }

    private var keeping: Bool { wanted?.contains(index) ?? true }

    /// Adds a transaction; returns the batch that closed before it when that batch is wanted.
    mutating func add(_ tx: [UInt8]) -> (index: Int, bytes: [UInt8], transactions: Int, lengths: [Int])? {
        var closed: (index: Int, bytes: [UInt8], transactions: Int, lengths: [Int])?
        if transactions > 0 && size + tx.count > target {
            if keeping { closed = (index, bytes, transactions, lengths) }
            index += 1; size = 0; transactions = 0
            bytes = []; lengths = []
        }
        size += tx.count; transactions += 1
        if keeping { bytes += tx; lengths.append(tx.count) }
        return closed
    }

    /// The last, partly filled batch, when wanted.
    mutating func flush() -> (index: Int, bytes: [UInt8], transactions: Int, lengths: [Int])? {
        guard transactions > 0, keeping else { return nil }
        defer { bytes = []; lengths = []; transactions = 0; size = 0 }
        return (index, bytes, transactions, lengths)
    }

    /// Bytes of the batch a `target`-byte splitter would close first among transactions of `lengths`.
    static func prefixLength(lengths: [Int], target: Int) -> Int {
        var total = 0
        for (i, n) in lengths.enumerated() {
            if i > 0 && total + n > target { break }
            total += n
        }
        return total
    }
}
