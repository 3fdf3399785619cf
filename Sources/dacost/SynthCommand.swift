import ArgumentParser
import DACost
import Foundation

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
        // The format follows the name; a name that says none would silently get hex.
        guard TraceReader.format(forName: output) != nil else {
            throw ValidationError("-o \(output): expected a name ending .hex, .txt or .jsonl (optionally .gz or .zst): it says which format to write")
        }
        let folder = (output as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw ValidationError("-o \(output): no folder \(folder) (create it first)")
        }
    }

    func run() throws {
        var generator = SyntheticTrace(profile: profile, seed: seed)
        let written = try TraceWriter.write(to: output) { sink in
            for _ in 0..<txs { try sink(generator.next()) }
        }
        let format = TraceReader.format(forName: output) == .jsonl ? "JSON lines" : "hex lines"
        let lower = output.lowercased()
        let packed = lower.hasSuffix(".gz") ? ", gzip" : lower.hasSuffix(".zst") || lower.hasSuffix(".zstd") ? ", zstd" : ""
        Console.note("wrote \(output) (\(format)\(packed)): \(txs) transactions, \(written) bytes of signed transactions")
    }
}

extension SyntheticProfile: ExpressibleByArgument {}
