/// A span batch read back into signed transactions (specs `protocol/delta/span-batches.md`): the inverse
/// of `SpanBatchEncoder`, given the chain id that span batches drop. It checks the encoder against real
/// batches and reads a real channel's transactions.
public enum SpanBatchDecoder {
    /// The blocks and the signed transactions (EIP-2718 encodings) of `batch`, for chain `chainId`.
    public static func decode(_ batch: [UInt8], chainId: UInt64) throws -> (blocks: SpanBatchEncoder.Blocks, transactions: [[UInt8]]) {
        let (blocks, start) = try SpanBatchEncoder.blocks(of: batch)
        var r = Reader(bytes: batch, at: start)
        let n = blocks.txCounts.reduce(0, +)
        guard n <= 10_000_000 else { throw r.fail("\(n) transactions, above MAX_SPAN_BATCH_ELEMENT_COUNT") }
        let creation = try r.bits(n), parity = try r.bits(n)
        let sigs = Array(try r.bytes(64 * n))
        let tos = Array(try r.bytes(20 * creation.filter { !$0 }.count))
        var datas: [(type: UInt8, fields: [[UInt8]])] = []
        for _ in 0..<n { datas.append(try r.txData()) }
        var nonces: [UInt64] = [], gases: [UInt64] = []
        for _ in 0..<n { nonces.append(try r.uvarint()) }
        for _ in 0..<n { gases.append(try r.uvarint()) }
        let protected = try r.bits(datas.filter { $0.type == 0 }.count)
        guard r.at == batch.count else { throw r.fail("\(batch.count - r.at) bytes after the last field") }

        var out: [[UInt8]] = [], toAt = 0, legacyAt = 0
        for i in 0..<n {
            let (type, f) = datas[i]
            let to: [UInt8]
            if creation[i] { to = [] } else { to = Array(tos[toAt..<toAt + 20]); toAt += 20 }
            let rWord = Array(sigs[64 * i..<64 * i + 32]), sWord = Array(sigs[64 * i + 32..<64 * i + 64])
            let y: UInt64 = parity[i] ? 1 : 0
            var body = [UInt8]()
            func uint(_ v: UInt64) { RLP.encodeUInt(v, into: &body) }
            func word(_ w: [UInt8]) { RLP.encodeString(Array(w.drop { $0 == 0 }), into: &body) }
            func string(_ s: [UInt8]) { RLP.encodeString(s, into: &body) }
            func copied(_ k: Int) { body += f[k] }
            switch type {
            case 0: // [value, gasPrice, data] → [nonce, gasPrice, gas, to, value, data, v, r, s]
                guard f.count == 3 else { throw r.fail("a legacy tx_data with \(f.count) fields") }
                let isProtected = protected[legacyAt]; legacyAt += 1
                uint(nonces[i]); copied(1); uint(gases[i]); string(to); copied(0); copied(2)
                // EIP-155: v = chainId · 2 + 35 + parity; unprotected: 27 + parity. A chain id this large wraps
                // (no chain has one); the arithmetic must not trap on a batch from outside.
                uint(isProtected ? chainId &* 2 &+ 35 &+ y : 27 + y)
                word(rWord); word(sWord)
            case 0x01: // [value, gasPrice, data, accessList]
                guard f.count == 4 else { throw r.fail("an EIP-2930 tx_data with \(f.count) fields") }
                uint(chainId); uint(nonces[i]); copied(1); uint(gases[i]); string(to); copied(0); copied(2); copied(3)
                uint(y); word(rWord); word(sWord)
            case 0x02, 0x04: // [value, maxPriority, maxFee, data, accessList(, authorizationList)]
                guard f.count == (type == 0x02 ? 5 : 6) else { throw r.fail("a type \(type) tx_data with \(f.count) fields") }
                uint(chainId); uint(nonces[i]); copied(1); copied(2); uint(gases[i]); string(to); copied(0)
                for k in 3..<f.count { copied(k) }
                uint(y); word(rWord); word(sWord)
            default:
                throw r.fail("transaction type \(type)")
            }
            var tx: [UInt8] = type == 0 ? [] : [type]
            RLP.encodeList(body, into: &tx)
            out.append(tx)
        }
        return (blocks, out)
    }

    /// A cursor over the batch's bytes; every read is bounds-checked (a batch is input).
    struct Reader {
        let bytes: [UInt8]
        var at: Int

        func fail(_ what: String) -> SpanBatchEncoder.Failure {
            SpanBatchEncoder.Failure(transaction: 0, problem: "not a span batch: \(what) at byte \(at)")
        }

        mutating func bytes(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, n <= bytes.count - at else { throw fail("\(n) bytes expected, \(bytes.count - at) left") }
            defer { at += n }
            return bytes[at..<at + n]
        }

        mutating func bits(_ n: Int) throws -> [Bool] {
            let b = Array(try bytes((n + 7) / 8))
            return (0..<n).map { b[b.count - 1 - $0 / 8] >> ($0 % 8) & 1 == 1 }
        }

        mutating func uvarint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while at < bytes.count, shift < 64 {
                let b = bytes[at]; at += 1
                v |= UInt64(b & 0x7f) << shift
                if b < 0x80 { return v }
                shift += 7
            }
            throw fail("a uvarint runs past the end")
        }

        /// One `tx_data`: an optional type byte, then an RLP list whose items are kept as encoded.
        mutating func txData() throws -> (type: UInt8, fields: [[UInt8]]) {
            guard at < bytes.count else { throw fail("tx_data expected") }
            let type: UInt8 = bytes[at] < 0xc0 ? bytes[at] : 0
            if type != 0 { at += 1 }
            let start = at
            return try bytes.withUnsafeBufferPointer { b in
                do {
                    let (item, next) = try RLP.item(in: b, at: start, end: b.count)
                    guard case .list(let body) = item else { throw fail("tx_data is not an RLP list") }
                    let fields = try RLP.encodedRanges(in: b, body).map { Array(b[$0]) }
                    at = next
                    return (type, fields)
                } catch let e as RLP.DecodeError { throw fail("tx_data: \(e)") }
            }
        }
    }
}
