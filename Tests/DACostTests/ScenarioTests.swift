import Foundation
import Testing
import Yams
@testable import DACost

@Suite struct ScenarioTests {
    func load(_ text: String, name: String = "s.yaml") throws -> Scenario {
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write(text, to: dir + "/" + name)
        return try ScenarioReader.load(path: dir + "/" + name).0
    }

    func error(_ text: String, name: String = "s.yaml") -> String {
        do { _ = try load(text, name: name); return "no error" } catch { return "\(error)" }
    }

    @Test func bundledDefaultResolvesEverything() throws {
        let (s, file) = try ScenarioReader.load(path: nil)
        #expect(file == "default.yaml")
        #expect(s.traffic.tps == 10 && s.horizonDays == 30 && s.start == "2026-12-01")
        #expect(s.codecs.count == 5 && s.layers.count == 5)
        #expect(s.layers.map(\.kind) == [.ethereumBlobs, .ethereumCalldata, .celestia, .eigenDA, .avail])
        #expect(s.blobSchedule == BlobSchedule.mainnet.forks)
        #expect(s.market.blobBaseFeeGwei == nil)
        #expect(s.layers[2].gasPriceUtia == 0.004 && s.layers[3].pricePerSymbolWei == 447_000_000)
        // from_market: the EIP-7918 reserve of 0.5 gwei = 0.5e9 × 8192 / 131072 wei.
        #expect(s.market.state.blobBaseFee == 31_250_000)
    }

    @Test func aScenarioOverridesOnlyWhatItSays() throws {
        let s = try load("traffic: {tps: 250}\nmarket: {eth_usd: 4000, blob_base_fee_gwei: 2}\n")
        #expect(s.traffic.tps == 250 && s.market.usd["ETH"] == 4000 && s.market.usd["TIA"] == 1.0)
        #expect(s.market.state.blobBaseFee == 2_000_000_000)
        #expect(s.layers.count == 5)
    }

    @Test func jsonWithTheSameShape() throws {
        let s = try load(#"{"traffic": {"tps": 3}, "layers": [{"kind": "generic", "name": "dac", "token": "USD", "price_per_byte": 1e-7}]}"#, name: "s.json")
        #expect(s.traffic.tps == 3 && s.layers.first?.name == "dac")
    }

    @Test func extraForksExtendTheSchedule() throws {
        let s = try load("blob_schedule:\n  extra_forks:\n    - {name: bpo3, date: 2027-03-01, target: 21, max: 32, update_fraction: 17527006}\n")
        #expect(s.blobSchedule.last?.name == "bpo3" && s.blobSchedule.count == 6)
        #expect(BlobSchedule(forks: s.blobSchedule).fork(at: 1_900_000_000)?.target == 21)
    }

    // The bad scenarios the issue names: each a precise error.
    @Test func wrongTypeNamesTheKeyPath() {
        let e = error("layers:\n  - {kind: ethereum_blobs}\n  - {kind: ethereum_calldata}\n  - {kind: celestia, gas_price_utia: cheap}\n")
        #expect(e.hasSuffix(#"layers[2].gas_price_utia: expected a number ≥ 0 and ≤ 1000000000, got "cheap""#), "\(e)")
    }

    @Test func unknownKey() {
        #expect(error("market: {eth_usdd: 3}\n").contains("market.eth_usdd: unknown key (expected one of:"))
        #expect(error("colour: blue\n").contains("colour: unknown key"))
    }

    @Test func negativePrice() {
        #expect(error("market: {tia_usd: -1}\n").contains("market.tia_usd: expected a number ≥ 0 and ≤ 10000000, got -1"))
    }

    @Test func zeroTPS() {
        #expect(error("traffic: {tps: 0}\n").hasSuffix("traffic.tps: expected a number > 0 and ≤ 10000000, got 0"))
    }

    @Test func unknownLayerOrCodec() {
        #expect(error("layers: [{kind: arweave}]\n").contains("layers[0].kind: expected one of ethereum_calldata, ethereum_blobs, celestia, eigenda, avail, generic, got \"arweave\""))
        #expect(error("codecs: [zstd-3, lz4]\n").contains("codecs[1]: expected a codec name"))
        #expect(error("batcher: {codec: snappy}\n").contains("batcher.codec"))
    }

    @Test func blobScheduleOutOfOrder() {
        let e = error("blob_schedule:\n  extra_forks:\n    - {name: early, timestamp: 1700000000, target: 3, max: 6, update_fraction: 3338477}\n")
        #expect(e.contains("blob_schedule.extra_forks") && e.contains("time order"), "\(e)")
    }

    @Test func missingTraceFile() {
        #expect(error("trace: nowhere.hex\n").contains("trace: expected an existing trace file or 'default', got \"nowhere.hex\""))
    }

    @Test func notYAMLAtAll() {
        #expect(error("traffic: [unclosed\n").contains("not valid YAML"))
        #expect(error("- just\n- a list\n").contains("(top level): expected a mapping"))
    }

    /// dacost's typing of YAML scalars is Yams's (without timestamps), scalar by scalar: every implicit
    /// rule, quoted and tagged scalars, numbers too wide for Int, and text that only looks like a number.
    @Test func yamlScalarsAreTypedAsYamsTypesThem() throws {
        let scalars = [
            "~", "null", "Null", "NULL", "", "nil", "yes", "No", "ON", "off", "y", "n", "True", "tRUE",
            "0", "-0", "+12", "012", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30", "-1_0:30", "+1:00:00",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e3", "1.5e-3", "1.", ".5",
            "1E+2", ".inf", "-.Inf", "+.INF", ".nan", "190:20:30.15", "1e400", "-1e-400", "1_0.5", "2026-12-01",
            "--1", "+", "-x", ".", "=", "<<", "0x", "1e", "12abc", "\"5\"", "'7'", "!!str 8", "!!int 9", "!!float 10",
            "!!bool yes", "!!null x", "!!int nope", "tps", "op-mainnet", "a b",
        ]
        let text = scalars.map { "- \($0)\n" }.joined()
        let resolver = Resolver.default.removing(.timestamp)
        let node = try #require(try Yams.compose(yaml: text, resolver))
        let ours = try #require(YAMLNodeValues.value(of: node, resolver: resolver) as? [Any])
        let yams = try #require(node.any as? [Any])
        #expect(ours.count == scalars.count && yams.count == scalars.count)
        for (i, (a, b)) in zip(ours, yams).enumerated() {
            #expect("\(type(of: a))" == "\(type(of: b))" && "\(a)" == "\(b)", "\(scalars[i]): \(a) vs Yams \(b)")
        }
        // Keys are their text, values nested as written.
        let doc = try #require(try Yams.compose(yaml: "a: {b: [1, x]}\n'c': 2.5\n", resolver))
        let map = try #require(YAMLNodeValues.value(of: doc, resolver: resolver) as? [String: Any])
        #expect(Set(map.keys) == ["a", "c"] && map["c"] as? Double == 2.5)
        let inner = try #require((map["a"] as? [String: Any])?["b"] as? [Any])
        #expect(inner.first as? Int == 1 && inner.last as? String == "x")
    }
}
