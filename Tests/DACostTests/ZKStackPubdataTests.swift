import Testing
@testable import DACost

/// ZK Stack state-diff compression against zksync-era's own unit tests (`core/lib/types/src/storage/
/// writes/compression.rs` and `mod.rs` test_compression), with the bytes of the whole batch worked out by hand.
struct ZKStackPubdataTests {
    static func word(_ v: UInt64) -> [UInt8] { [UInt8](repeating: 0, count: 24) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    static let max = [UInt8](repeating: 0xff, count: 32)
    static let halfMax = [0x7f] + [UInt8](repeating: 0xff, count: 31)

    @Test func valuesCompressAsZksyncEraDoes() {
        // test_compress_addition, _subtraction, _transform, _transform_to_zero, _to_one_from_max, _to_u256_max.
        #expect(ZKStackPubdata.compressValue(from: Self.word(255_438_218), to: Self.word(255_438_638)) == [17, 1, 164])
        #expect(ZKStackPubdata.compressValue(from: Self.word(580_481_589), to: Self.word(229_496_100)) == [34, 20, 235, 157, 17])
        #expect(ZKStackPubdata.compressValue(from: Self.word(580_481_589), to: Self.word(1337)) == [19, 5, 57])
        #expect(ZKStackPubdata.compressValue(from: Self.word(580_481_589), to: Self.word(0)) == [3])
        #expect(ZKStackPubdata.compressValue(from: Self.max, to: Self.word(1)) == [9, 2])
        #expect(ZKStackPubdata.compressValue(from: Self.word(0), to: Self.max) == [10, 1])
        // No operation fits in 30 bytes: metadata 0 and the whole value.
        #expect(ZKStackPubdata.compressValue(from: Self.halfMax, to: Self.max) == [0] + Self.max)
        // A tie goes to the first of Add, Sub, Transform: 5 → 6 is Add 1, not Transform 6.
        #expect(ZKStackPubdata.compressValue(from: Self.word(5), to: Self.word(6)) == [9, 1])
    }

    /// zksync-era's test_compression: four initial and four repeated writes, one of each compression.
    @Test func aBatchOfDiffsHasTheHeaderCountAndOrder() throws {
        func diff(_ address: String, key: UInt64, derived: UInt8, index: UInt64, from: [UInt8], to: [UInt8]) throws -> ZKStackPubdata.StateDiff {
            .init(address: try #require(Hex.decode(address)), key: Self.word(key), derivedKey: [UInt8](repeating: derived, count: 32),
                  enumerationIndex: index, initialValue: from, finalValue: to)
        }
        let diffs = [
            try diff("09610c49cfe4a0509dbe319886eb0cfc01f2cfd1", key: 1, derived: 1, index: 0, from: Self.word(0), to: Self.word(64)),
            try diff("1c915d9b098ecf548d978ef9931a09e4e2167fab", key: 2, derived: 2, index: 0, from: Self.word(64), to: Self.word(20)),
            try diff("3859d669dcc980c3ba68806a8d49bbc998da781d", key: 3, derived: 3, index: 0, from: Self.max, to: Self.word(255)),
            try diff("3f441bf60f4d8f7704b262f41b7b015c21623f46", key: 5, derived: 4, index: 0, from: Self.halfMax, to: Self.max),
            try diff("5e52dd6d60c2f89b5ced2bddf53794f0d8c58254", key: 1, derived: 5, index: 1, from: Self.word(0), to: Self.word(64)),
            try diff("9bac6b5cb15aa5f80f9480af6b530ecd93a30a41", key: 2, derived: 6, index: 2, from: Self.word(64), to: Self.word(20)),
            try diff("af21caa263eefa213301522c1062d22a890b2b6d", key: 3, derived: 7, index: 3, from: Self.max, to: Self.word(255)),
            try diff("b21058b7c589c49871a295575418e9e3edaf44b0", key: 5, derived: 8, index: 5, from: Self.halfMax, to: Self.max),
        ]
        func k(_ b: UInt8) -> [UInt8] { [UInt8](repeating: b, count: 32) }
        // Add 64 = [9, 64]; Sub 44 = [10, 44] (ties Transform 20, Sub first); Transform 255 = [11, 255]
        // (Add would need 256, two bytes); no compression = [0] + 32 bytes.
        var body: [UInt8] = [0, 4] + k(1) + [9, 64] + k(2) + [10, 44] + k(3) + [11, 255] + k(4) + [0] + Self.max
        body += [0, 0, 0, 1, 9, 64] + [0, 0, 0, 2, 10, 44] + [0, 0, 0, 3, 11, 255] + [0, 0, 0, 5, 0] + Self.max
        #expect(body.count == 224)
        let compressed = try ZKStackPubdata.compress(diffs.reversed())
        #expect(compressed == [1, 0, 0, 224, 4] + body)
        #expect(ZKStackPubdata.pubdataSize(logs: 2, messageSizes: [100], bytecodeSizes: [], compressedStateDiffs: compressed.count)
                == 4 + 2 * 88 + 4 + 104 + 4 + 229)
        #expect(throws: ZKStackPubdata.Failure.self) {
            try ZKStackPubdata.compress([try diff("00", key: 1, derived: 1, index: 0, from: Self.word(0), to: Self.word(1))])
        }
    }
}

/// The state-diff model on hand-built transactions: each write's size worked out from the rules.
struct ZKStackStateDiffModelTests {
    static func legacy(to: [UInt8], value: UInt64, gas: UInt64, data: [UInt8]) -> [UInt8] {
        func s(_ b: [UInt8]) -> [UInt8] { var o = [UInt8](); RLP.encodeString(b, into: &o); return o }
        func u(_ v: UInt64) -> [UInt8] { s(RLP.bigEndian(v)) }
        var out = [UInt8]()
        RLP.encodeList(u(7) + u(1_000_000_000) + u(gas) + s(to) + u(value) + s(data) + u(37) + s([1]) + s([2]), into: &out)
        return out
    }

    @Test func writesAreSizedByTheirValues() throws {
        var model = ZKStackStateDiffModel()
        model.initialWriteShare = 0
        var rng = SeededRandom(seed: 1)
        func size(_ tx: [UInt8], _ m: ZKStackStateDiffModel) throws -> Int { try tx.withUnsafeBufferPointer { try m.pubdata(of: $0, rng: &rng) } }
        let to = [UInt8](repeating: 0xab, count: 20)
        // 1 ETH transfer: nonce 4 + [9, 1]; balance 4 + 1 + 8 (1e18 + 2.1e13 wei); recipient 4 + 1 + 8.
        let transfer = Self.legacy(to: to, value: 1_000_000_000_000_000_000, gas: 21_000, data: [])
        #expect(try size(transfer, model) == 6 + 13 + 13)
        // ERC-20 transfer of 1e6: two slots of 4 + 1 + 3; the sender's fee 5e13 wei is 6 bytes.
        let amount = [UInt8](repeating: 0, count: 29) + [0x0f, 0x42, 0x40]
        let erc20 = Self.legacy(to: to, value: 0, gas: 50_000, data: [0xa9, 0x05, 0x9c, 0xbb] + [UInt8](repeating: 0, count: 32) + amount)
        #expect(try size(erc20, model) == 6 + 11 + 2 * 8)
        // A creation publishes its code: 4-byte length and 100 bytes.
        let creation = Self.legacy(to: [], value: 0, gas: 50_000, data: [UInt8](repeating: 0x60, count: 100))
        #expect(try size(creation, model) == 6 + 11 + 104)
        // Every other write initial: 28 bytes more each (a 32-byte derived key for a 4-byte index).
        model.initialWriteShare = 1
        #expect(try size(transfer, model) == 6 + 13 + 13 + 28 && size(erc20, model) == 6 + 11 + 2 * 36)
    }
}

/// State-diff traces: batches of measured pubdata, worked out by hand from the layout.
struct StateDiffTraceTests {
    static let a = "0x" + String(repeating: "aa", count: 20), b = "0x" + String(repeating: "bb", count: 20)
    static let lines = [
        #"{"writes": [{"address": "\#(a)", "key": "0x01", "after": "0x40", "initial": true}], "l2_to_l1_logs": 1, "messages": ["0x0102"]}"#,
        #"{"writes": [{"address": "\#(a)", "key": "0x01", "before": "0x40", "after": "0x14", "initial": true}]}"#,
        #"{"writes": [{"address": "\#(b)", "key": "0x02", "before": "0x05", "after": "0x06", "initial": false}], "bytecodes": ["0x\#(String(repeating: "60", count: 64))"]}"#,
    ]

    static func file(_ lines: [String]) throws -> String {
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: dir + "/d.jsonl")
        return dir + "/d.jsonl"
    }

    @Test func aBatchIsItsPartsAndItsHeader() throws {
        // One slot of A written twice: published once, 0 → 0x14 (Add 20 = [9, 20]) under its 32-byte key;
        // B's repeated slot 5 → 6 (Add 1) under a 4-byte index. Diffs: 5 + 2 + 34 + 6 = 47.
        // Pubdata: 4 + 88 (one log) + 4 + (4 + 2) (a message) + 4 + (4 + 64) (a bytecode) + 47 = 221.
        let one = try StateDiffTrace.batches(path: Self.file(Self.lines))
        #expect(one == [StateDiffTrace.Batch(transactions: 3, slots: 2, pubdataBytes: 221)])
        // Sealed at two transaction slots, or before passing 150 bytes: 4 + 88 + 4 + 6 + 4 + (5 + 2 + 34) = 147,
        // then 4 + 4 + 4 + 68 + (5 + 2 + 6) = 93.
        let split = [StateDiffTrace.Batch(transactions: 2, slots: 1, pubdataBytes: 147), StateDiffTrace.Batch(transactions: 1, slots: 1, pubdataBytes: 93)]
        #expect(try StateDiffTrace.batches(path: Self.file(Self.lines), transactionSlots: 2) == split)
        #expect(try StateDiffTrace.batches(path: Self.file(Self.lines), maxPubdata: 150) == split)
    }

    @Test func badLinesNameTheirLineAndField() throws {
        func error(_ line: String) throws -> String {
            do { _ = try StateDiffTrace.batches(path: Self.file([Self.lines[0], line])); return "no error" } catch { return "\(error)" }
        }
        #expect(try error(#"{"writes": [{"address": "0x12", "key": "0x01", "after": "0x02", "initial": true}]}"#).contains(":2: field 'writes[0].address': expected 0x-prefixed hex of 20 bytes"))
        #expect(try error(#"{"writes": [{"address": "\#(Self.a)", "key": "0x01", "after": "0x02"}]}"#).contains("field 'writes[0].initial'"))
        #expect(try error(#"{"write": []}"#).contains(":2: field 'write': unknown field"))
        #expect(try error(#"[1, 2]"#).contains(":2: expected a JSON object"))
        #expect(try error(#"{"writes": [], "l2_to_l1_logs": -1}"#).contains("field 'l2_to_l1_logs'"))
    }
}
