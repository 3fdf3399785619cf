import DACost

/// `fetch state-diffs`: a block's transactions as a ZK Stack state-diff trace (`StateDiffTrace`), from the
/// node's prestate tracer in diff mode (`debug_traceBlockByNumber(n, {tracer: "prestateTracer",
/// tracerConfig: {diffMode: true}})`, geth `eth/tracers/native/prestate.go`): per transaction its `pre`
/// and `post` account states, holding only what it changed.
///
/// What zkSync would publish for the same changes (a model, stated in `assumption`): every storage slot
/// written; a balance change as a write to the base-token contract's slot of that account (zkSync keeps
/// balances in `L2BaseToken`, 0x…800a) and a nonce change as a write to `NonceHolder` (0x…8003); a slot
/// absent from `pre` (zero before) as an initial write; deployed code as a published bytecode padded to
/// an odd number of 32-byte words (EVM bytecode stands in for the EraVM bytecode zkSync would publish).
public enum StateDiffDecoding {
    /// The prestate tracer call of one block.
    public static func traceCall(_ block: UInt64) -> RPCCall {
        RPCCall(method: "debug_traceBlockByNumber",
                params: "[\"0x\(String(block, radix: 16))\",{\"tracer\":\"prestateTracer\",\"tracerConfig\":{\"diffMode\":true}}]")
    }

    /// zkSync system contracts that hold balances and nonces (era-contracts `system-contracts/contracts/Constants.sol`).
    static let baseTokenAddress = [UInt8](repeating: 0, count: 18) + [0x80, 0x0a]
    static let nonceHolderAddress = [UInt8](repeating: 0, count: 18) + [0x80, 0x03]

    public static let assumption = "State diffs from the node's prestate tracer (diff mode), mapped to what zkSync would publish: storage writes as they are, balance changes as writes to L2BaseToken (0x…800a) and nonce changes to NonceHolder (0x…8003), slots zero before as initial writes, deployed EVM code as a published bytecode padded to an odd number of 32-byte words (a model: EraVM bytecode and zkSync's own system writes differ)."

    /// One block: its header (for the continuity check) and one state-diff line per traced transaction.
    public static func block(_ header: JSONElement, trace: JSONElement, expected: UInt64) throws -> FetchedBlock {
        var block = try BlockDecoding.header(header, expected: expected)
        guard trace.isArray else {
            throw FetchError.badBlock(number: block.number, field: "debug_traceBlockByNumber", problem: "expected an array of {txHash, result: {pre, post}}, got \(trace.kindDescription)")
        }
        var text = [UInt8]()
        for (i, item) in trace.items.enumerated() {
            let field = "debug_traceBlockByNumber[\(i)]"
            guard let result = item.present("result"), let pre = result.present("pre"), let post = result.present("post"),
                  pre.isObject, post.isObject else {
                throw FetchError.badBlock(number: block.number, field: field, problem: "expected {txHash, result: {pre, post}} from the prestate tracer in diff mode")
            }
            text += try line(hash: item.present("txHash")?.string, pre: pre, post: post, block: block.number, field: field)
            block.transactions += 1
        }
        block.text = text
        return block
    }

    /// The state-diff line of one transaction.
    public static func line(hash: String?, pre: JSONElement, post: JSONElement, block: UInt64, field: String) throws -> [UInt8] {
        func bad(_ f: String, _ problem: String) -> FetchError { .badBlock(number: block, field: "\(field).\(f)", problem: problem) }
        func bytes(_ e: JSONElement?, _ f: String, max: Int) throws -> [UInt8] {
            guard let e else { return [] }
            guard let b = Hex.decodeQuantity(e.string ?? ""), b.count <= max else {
                throw bad(f, "expected 0x-prefixed hex of at most \(max) bytes")
            }
            return b
        }
        func address(_ key: JSONElement) throws -> [UInt8] {
            let b = try bytes(key, "address", max: 20)
            guard b.count == 20 else { throw bad("address", "expected a 20-byte address") }
            return b
        }
        var before = [[UInt8]: (pre: [UInt8], post: [UInt8]?)]()
        var order = [[UInt8]]()
        var bytecodes = [[UInt8]]()
        func note(_ slot: [UInt8], pre: [UInt8]?, post: [UInt8]?) {
            if before[slot] == nil { order.append(slot); before[slot] = ([], nil) }
            if let pre { before[slot]?.pre = pre }
            if let post { before[slot]?.post = post }
        }
        for (phase, accounts) in [(0, pre), (1, post)] {
            for (key, account) in accounts.members {
                let a = try address(key)
                guard account.isObject else { throw bad("\(a)", "expected an account object") }
                if let storage = account.present("storage") {
                    guard storage.isObject else { throw bad("storage", "expected an object of slot → value") }
                    for (k, v) in storage.members {
                        let slot = a + (try word(bytes(k, "storage key", max: 32)))
                        let value = try word(bytes(v, "storage value", max: 32))
                        note(slot, pre: phase == 0 ? value : nil, post: phase == 1 ? value : nil)
                    }
                }
                if let balance = account.present("balance") {
                    let slot = baseTokenAddress + Keccak256.hash([UInt8](repeating: 0, count: 12) + a)
                    let value = try word(bytes(balance, "balance", max: 32))
                    note(slot, pre: phase == 0 ? value : nil, post: phase == 1 ? value : nil)
                }
                if let nonce = account.present("nonce") {
                    guard let n = nonce.uint64 ?? nonce.numberText.flatMap({ UInt64($0) }) else { throw bad("nonce", "expected a number") }
                    let slot = nonceHolderAddress + Keccak256.hash([UInt8](repeating: 0, count: 12) + a)
                    note(slot, pre: phase == 0 ? word64(n) : nil, post: phase == 1 ? word64(n) : nil)
                }
                if phase == 1, let code = account.present("code") {
                    let c = try bytes(code, "code", max: 2_097_120)
                    if !c.isEmpty { bytecodes.append(padded(c)) }
                }
            }
        }
        var out = Array("{".utf8)
        if let hash, hash.hasPrefix("0x"), hash.utf8.count == 66, Hex.decode(String(hash.dropFirst(2))) != nil {
            out += Array("\"hash\":\"\(hash.lowercased())\",".utf8)
        }
        out += Array("\"writes\":[".utf8)
        var first = true
        for slot in order {
            guard let change = before[slot] else { continue }
            // In diff mode a slot absent from `post` was cleared to zero; one absent from `pre` was zero.
            let pre = change.pre.isEmpty ? [UInt8](repeating: 0, count: 32) : change.pre
            let post = change.post ?? [UInt8](repeating: 0, count: 32)
            guard pre != post else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += Array("{\"address\":\"0x\(Hex.encode(Array(slot[0..<20])))\",\"key\":\"0x\(Hex.encode(Array(slot[20...])))\",\"before\":\"0x\(Hex.encode(pre))\",\"after\":\"0x\(Hex.encode(post))\",\"initial\":\(change.pre.isEmpty)}".utf8)
        }
        out += Array("],\"bytecodes\":[".utf8)
        out += Array(bytecodes.map { "\"0x\(Hex.encode($0))\"" }.joined(separator: ",").utf8)
        out += Array("]}\n".utf8)
        return out
    }

    static func word(_ b: [UInt8]) -> [UInt8] { [UInt8](repeating: 0, count: 32 - min(32, b.count)) + b.suffix(32) }
    static func word64(_ n: UInt64) -> [UInt8] { [UInt8](repeating: 0, count: 24) + (0..<8).map { UInt8(truncatingIfNeeded: n >> (56 - 8 * $0)) } }

    /// Code padded with zeros to an odd number of 32-byte words, the shape zkSync's bytecode hash requires.
    public static func padded(_ code: [UInt8]) -> [UInt8] {
        var words = (code.count + 31) / 32
        if words % 2 == 0 { words += 1 }
        return code + [UInt8](repeating: 0, count: words * 32 - code.count)
    }
}
