import Foundation
import Testing

@Suite struct StacksCLITests {
    /// `dacost stacks` on a 300-transaction slice of the real trace writes the table as a set, names every
    /// stack, and a missing trace is a clear exit 2 that writes nothing.
    @Test func writesTheStackTable() throws {
        let dir = try CLI.temporaryDirectory()
        let text = try String(contentsOfFile: CLI.fixtures + "/traces/op-mainnet-1766.hex", encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.prefix(300)
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/slice.hex", atomically: true, encoding: .utf8)
        let env = ["DACOST_CACHE": dir + "/cache"]
        let r = try CLI.run(["stacks", dir + "/slice.hex", "--out", dir + "/out"], env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Arbitrum Nitro") && r.stdout.contains("state-diff model"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/stacks.json"))) as? [String: Any]
        #expect(json?["schema"] as? String == "dacost.stacks/v1" && json?["transactions"] as? Int == 300)
        #expect((json?["rows"] as? [[String: Any]])?.compactMap { $0["stack"] as? String } == ["op", "arbitrum", "zksync", "polygon-cdk"])
        #expect(try String(contentsOfFile: dir + "/out/stacks.md", encoding: .utf8).contains("## Why they differ"))
        // With a state-diff trace the ZK Stack row is measured, not modelled.
        let address = "0x" + String(repeating: "aa", count: 20)
        let diffs = (1...300).map { #"{"writes": [{"address": "\#(address)", "key": "0x\#(String($0, radix: 16))", "before": "0x05", "after": "0x06", "initial": false}]}"# }
        try (diffs.joined(separator: "\n") + "\n").write(toFile: dir + "/d.jsonl", atomically: true, encoding: .utf8)
        let measured = try CLI.run(["stacks", dir + "/slice.hex", "--state-diffs", dir + "/d.jsonl", "--out", dir + "/measured", "--quiet"], env: env)
        #expect(measured.status == 0, "\(measured.stderr)")
        let md = try String(contentsOfFile: dir + "/measured/stacks.md", encoding: .utf8)
        #expect(md.contains("| ZK Stack (zkSync Era) | state-diff trace,") && md.contains("Measured from the state-diff trace"))
        let missing = try CLI.run(["stacks", dir + "/nope.hex", "--out", dir + "/none"], env: env)
        #expect(missing.status == 2 && missing.stderr.contains("nope.hex"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/none/stacks.md"))
    }
}
