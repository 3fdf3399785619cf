/// zstd dictionaries learned from transactions: what a rollup could ship to every node so that each
/// batch starts with the common addresses and selectors already known.
public enum DictionaryTraining {
    public static func train(tracePath: String, capacity: Int, maxTransactions: Int) throws -> [UInt8] {
        let reader = try TraceReader(path: tracePath)
        var samples = [[UInt8]]()
        while samples.count < maxTransactions, let tx = try reader.next() { samples.append(tx.bytes) }
        return try ZstdCodec.trainDictionary(samples: samples, capacity: capacity)
    }
}
