import DACost
import Foundation

/// Blocks a `LoopbackNode` serves, pre-rendered as the JSON a node returns for
/// `eth_getBlockByNumber(n, true)` and `(n, false)`.
public struct RecordedChain: Sendable {
    public struct Block: Sendable {
        public var number: UInt64
        public var hash: [UInt8]
        public var parentHash: [UInt8]
        public var timestamp: UInt64
        public var header: [(key: String, value: String)]
        public var transactions: [[UInt8]]
    }

    public private(set) var blocks: [UInt64: Block] = [:]
    /// The JSON text of `eth_getBlockByNumber(n, true)`.
    public private(set) var hydrated: [UInt64: [UInt8]] = [:]
    private(set) var headers: [UInt64: [UInt8]] = [:]
    /// The JSON text of `debug_traceBlockByNumber(n, prestateTracer in diff mode)`, for blocks that have one.
    public var stateDiffs: [UInt64: [UInt8]] = [:]

    public init(blocks list: [Block]) throws {
        for b in list {
            blocks[b.number] = b
            hydrated[b.number] = try Self.render(b, full: true)
            headers[b.number] = try Self.render(b, full: false)
        }
    }

    /// A stand-in block hash: the loopback chain has no state roots to hash a real header from,
    /// but its hashes link blocks the way a real chain's do.
    public static func hash(of number: UInt64) -> [UInt8] { Keccak256.hash(Array("dacost loopback block \(number)".utf8)) }

    /// `tampered`'s blocks, with each transaction object claiming the hash of the transaction at
    /// the same place in `original`: a node that lies about what it serves.
    public static func splicingHashes(of original: RecordedChain, into tampered: RecordedChain) throws -> RecordedChain {
        var out = tampered
        for (n, text) in tampered.hydrated {
            guard let orig = original.blocks[n], let mine = tampered.blocks[n] else { continue }
            var s = String(decoding: text, as: UTF8.self)
            for (a, b) in zip(mine.transactions, orig.transactions) where a != b {
                s = s.replacingOccurrences(of: Hex.encode(Keccak256.hash(a)), with: Hex.encode(Keccak256.hash(b)))
            }
            out.hydrated[n] = Array(s.utf8)
        }
        return out
    }

    /// The same block with another parent hash (a reorg or a gap, for fault tests).
    public func block(_ number: UInt64, withParent parent: [UInt8]) throws -> [UInt8]? {
        guard var b = blocks[number] else { return nil }
        b.parentHash = parent
        return try Self.render(b, full: true)
    }

    static func render(_ b: Block, full: Bool) throws -> [UInt8] {
        var s = "{\"number\":\"0x\(String(b.number, radix: 16))\",\"hash\":\"0x\(Hex.encode(b.hash))\""
        s += ",\"parentHash\":\"0x\(Hex.encode(b.parentHash))\",\"timestamp\":\"0x\(String(b.timestamp, radix: 16))\""
        for (k, v) in b.header { s += ",\"\(k)\":\(v)" }
        s += ",\"transactions\":["
        for (i, raw) in b.transactions.enumerated() {
            if i > 0 { s += "," }
            if full {
                s += try RPCTransactionRenderer.render(raw, at: .init(blockHash: b.hash, blockNumber: b.number, index: i))
            } else {
                s += "\"0x\(Hex.encode(Keccak256.hash(raw)))\""
            }
        }
        s += "]}"
        return Array(s.utf8)
    }

    /// The real mainnet blocks of the shared fixtures: transactions from a `.hex` trace whose
    /// `# block N: K txs` comments split it into blocks, header fields from the headers JSON.
    public static func mainnet(trace: String, headers: String) throws -> RecordedChain {
        guard let text = try? String(contentsOfFile: trace, encoding: .utf8),
              let data = FileManager.default.contents(atPath: headers) else {
            throw IOError.writeFailed(path: trace, reason: "cannot read the recorded chain fixtures")
        }
        var txs: [UInt64: [[UInt8]]] = [:], order: [UInt64] = []
        var current: UInt64?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# block "), let n = UInt64(line.dropFirst(8).prefix { $0.isNumber }) {
                current = n; order.append(n); txs[n] = []
            } else if !line.hasPrefix("#"), let n = current, let raw = Hex.decode(String(line)) {
                txs[n, default: []].append(raw)
            }
        }
        guard let list = (try JSONValue.parse(Array(data))).object?["blocks"]?.array else {
            throw IOError.writeFailed(path: headers, reason: "expected {\"blocks\": [...]}")
        }
        var out: [Block] = []
        for item in list {
            guard let o = item.object, let n = o["number"]?.uint64, let ts = o["timestamp"]?.uint64 else { continue }
            var header: [(key: String, value: String)] = []
            for key in ["gasLimit", "gasUsed", "baseFeePerGas", "blobGasUsed", "excessBlobGas"] {
                if let v = o[key]?.uint64 { header.append((key, "\"0x\(String(v, radix: 16))\"")) }
            }
            if case .string(let miner)? = o["coinbase"] { header.append(("miner", "\"\(miner)\"")) }
            out.append(Block(number: n, hash: hash(of: n), parentHash: hash(of: n - 1), timestamp: ts, header: header,
                             transactions: txs[n] ?? []))
        }
        return try RecordedChain(blocks: out)
    }

    /// `count` consecutive blocks of `perBlock` synthetic OP-like transactions, plus one deposit
    /// at the head of each block as on an OP chain, 2 s apart.
    public static func synthetic(from first: UInt64, count: Int, perBlock: Int, seed: UInt64 = 1,
                                 deposits: Bool = true, profile: SyntheticProfile = .opMainnet) throws -> RecordedChain {
        var generator = SyntheticTrace(profile: profile, seed: seed)
        var list: [Block] = []
        for k in 0..<UInt64(count) {
            let n = first + k
            var txs: [[UInt8]] = []
            if deposits { txs.append(depositTransaction(n)) }
            for _ in 0..<perBlock { txs.append(generator.next().bytes) }
            list.append(Block(number: n, hash: hash(of: n), parentHash: hash(of: n - 1), timestamp: 1_700_000_000 + 2 * n,
                              header: [("baseFeePerGas", "\"0x\(String(1_000_000 + n % 1000, radix: 16))\"")],
                              transactions: txs))
        }
        return try RecordedChain(blocks: list)
    }

    /// An OP deposit (type 0x7E, the L1-attributes transaction's shape).
    static func depositTransaction(_ n: UInt64) -> [UInt8] {
        var body: [UInt8] = []
        RLP.encodeString(Keccak256.hash(Array("source \(n)".utf8)), into: &body)
        RLP.encodeString([UInt8](repeating: 0xde, count: 20), into: &body)
        RLP.encodeString([0x42] + [UInt8](repeating: 0, count: 18) + [0x15], into: &body)
        RLP.encodeString([], into: &body)
        RLP.encodeString([], into: &body)
        RLP.encodeString([0x0f, 0x42, 0x40], into: &body)
        RLP.encodeString([], into: &body)
        RLP.encodeString([UInt8](repeating: 0x11, count: 68), into: &body)
        var out: [UInt8] = [0x7e]
        RLP.encodeList(body, into: &out)
        return out
    }

    /// A stand-in prestate-tracer answer (diff mode) for each block: per non-deposit transaction the sender's
    /// balance and nonce change, and one storage slot of a token contract written (the first of every
    /// fourth transaction's slots new: zero before), so that a state-diff fetch has real shapes to decode.
    public func withStateDiffs() -> RecordedChain {
        var c = self
        for (n, b) in blocks {
            var items = [String]()
            for (i, tx) in b.transactions.enumerated() where tx.first != 0x7e {
                let hash = "0x" + Hex.encode(Keccak256.hash(tx))
                let sender = "0x" + Hex.encode(Array(Keccak256.hash(Array("sender \(n) \(i)".utf8)).prefix(20)))
                let token = "0x" + String(repeating: "ab", count: 20)
                let slot = "0x" + Hex.encode(Keccak256.hash(Array("slot \(n) \(i % 7)".utf8)))
                let fresh = i % 4 == 0
                let pre = "{\"\(sender)\":{\"balance\":\"0x\(String(1_000_000_000 + n, radix: 16))\",\"nonce\":\(i)}" +
                    (fresh ? "" : ",\"\(token)\":{\"storage\":{\"\(slot)\":\"0x\(String(repeating: "0", count: 62))05\"}}") + "}"
                let post = "{\"\(sender)\":{\"balance\":\"0x\(String(999_000_000 + n, radix: 16))\",\"nonce\":\(i + 1)}," +
                    "\"\(token)\":{\"storage\":{\"\(slot)\":\"0x\(String(repeating: "0", count: 60))0\(i % 10)07\"}}}"
                items.append("{\"txHash\":\"\(hash)\",\"result\":{\"pre\":\(pre),\"post\":\(post)}}")
            }
            c.stateDiffs[n] = Array(("[" + items.joined(separator: ",") + "]").utf8)
        }
        return c
    }
}
