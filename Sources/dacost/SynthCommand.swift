import ArgumentParser
import DACost

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a seeded synthetic trace of real, well-formed signed transactions.")

    @Option(help: "Traffic profile: \(SyntheticProfile.allCases.map(\.rawValue).joined(separator: ", ")).")
    var profile: SyntheticProfile = .opMainnet

    @Option(help: "Number of transactions.")
    var txs: Int

    @Option(help: "Seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Output file: .hex or .jsonl, optionally .gz or .zst.")
    var output: String

    func validate() throws {
        guard (1...100_000_000).contains(txs) else { throw ValidationError("--txs: expected 1…100000000, got \(txs)") }
    }

    func run() throws {
        var generator = SyntheticTrace(profile: profile, seed: seed)
        let written = try TraceWriter.write(to: output) { sink in
            for _ in 0..<txs { try sink(generator.next()) }
        }
        Console.note("wrote \(output): \(txs) transactions, \(written) bytes of signed transactions")
    }
}

extension SyntheticProfile: ExpressibleByArgument {}
