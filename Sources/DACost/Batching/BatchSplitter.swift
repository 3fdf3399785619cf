/// Cuts a transaction stream into batches the way a batcher fills a channel: it closes the batch when the
/// next transaction would push it past the target. Batches are numbered from 0; with `wanted`, only those
/// batches' bytes are kept and returned (a sampling pass keeps a few batches of a size, not every one).
struct BatchSplitter {
    typealias Batch = (index: Int, bytes: [UInt8], transactions: Int, lengths: [Int])
    let target: Int
    /// Batch indices to keep; nil keeps every batch.
    let wanted: Set<Int>?
    private var index = 0, size = 0, transactions = 0
    /// The current batch's bytes and each transaction's length in it (encodings such as OP span batches
    /// need them apart), when it is kept.
    private var bytes: [UInt8] = [], lengths: [Int] = []

    init(target: Int, wanted: Set<Int>? = nil) {
        self.target = target; self.wanted = wanted
        if keeping { bytes.reserveCapacity(target) }
    }

    private var keeping: Bool { wanted?.contains(index) ?? true }

    /// Adds a transaction; returns the batch that closed before it, when one did and it is wanted.
    mutating func add(_ tx: [UInt8]) -> Batch? {
        var closed: Batch?
        if size > 0 && size + tx.count > target {
            if keeping { closed = (index, bytes, transactions, lengths) }
            index += 1; size = 0; transactions = 0
            bytes = []; lengths = []
            if keeping { bytes.reserveCapacity(target) }
        }
        size += tx.count; transactions += 1
        if keeping { bytes += tx; lengths.append(tx.count) }
        return closed
    }

    /// The last, partly filled batch, when wanted.
    mutating func flush() -> Batch? {
        guard size > 0, keeping else { return nil }
        defer { bytes = []; lengths = []; transactions = 0; size = 0 }
        return (index, bytes, transactions, lengths)
    }

    /// Bytes of the first batch a `target`-byte splitter closes among transactions of `lengths`.
    static func prefixLength(lengths: [Int], target: Int) -> Int {
        var total = 0
        for n in lengths {
            if total > 0 && total + n > target { break }
            total += n
        }
        return total
    }
}
