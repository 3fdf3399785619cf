import ArgumentParser
import DACost
import Foundation

struct TrainDictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-dict",
        abstract: "Train a zstd dictionary on a trace's transactions (for zstd-L-dict codecs).")

    @Argument(help: "Trace to learn from; price with a different trace, or the ratio flatters the dictionary.")
    var trace: String

    @Option(name: .shortAndLong, help: "Where to write the dictionary.")
    var output: String

    @Option(help: "Dictionary size in bytes (k = KiB).")
    var size: String = "110k"

    @Option(name: .customLong("max-txs"), help: "Transactions used as samples (the first N).")
    var maxTxs: Int = 100_000

    func run() throws {
        guard case .bytes(let capacity)? = try BatchTarget.parseList(size).first, capacity >= 256 else {
            throw ValidationError("--size: expected at least 256 bytes")
        }
        let dict = try DictionaryTraining.train(tracePath: trace, capacity: capacity, maxTransactions: maxTxs)
        try AtomicFile.write(dict, to: output)
        print("wrote \(output): \(dict.count) bytes")
    }
}
