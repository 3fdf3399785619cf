import DACost

/// One block as the fetch writes it: its identity for the continuity check, and its output lines.
public struct FetchedBlock: Sendable {
    public var number: UInt64
    /// Lower-case `0x…` hex.
    public var hash: String
    public var parentHash: String
    public var timestamp: UInt64
    /// The bytes this block adds to the output (JSON lines or a CSV row).
    public var text: [UInt8]
    public var transactions = 0
    public var depositsSkipped = 0
    /// Signed transaction bytes (not their hex).
    public var transactionBytes = 0
}

/// Turns an `eth_getBlockByNumber` result into a `FetchedBlock`.
public enum BlockDecoding {
    /// Parses the header fields every fetch needs. A missing block is retryable (a node behind its
    /// peers answers `null`); a block of the wrong number is a bad response, also retried.
    static func header(_ o: JSONElement, expected: UInt64) throws -> FetchedBlock {
        guard !o.isNull else {
            throw RetryableProblem("block \(expected) is not available (the node answered null: is the range past its head?)")
        }
        guard o.isObject else { throw RetryableProblem("block \(expected): expected a block object, got \(o.kindDescription)") }
        guard let number = o.present("number")?.uint64 else { throw FetchError.badBlock(number: expected, field: "number", problem: "expected a hex quantity") }
        guard number == expected else { throw RetryableProblem("asked for block \(expected), the node answered with block \(number)") }
        let hash = try hash32(o, "hash", block: number)
        let parent = try hash32(o, "parentHash", block: number)
        guard let ts = o.present("timestamp")?.uint64 else { throw FetchError.badBlock(number: number, field: "timestamp", problem: "expected a hex quantity") }
        return FetchedBlock(number: number, hash: hash, parentHash: parent, timestamp: ts, text: [])
    }

    private static func hash32(_ o: JSONElement, _ key: String, block: UInt64) throws -> String {
        guard let v = o.present(key), let s = v.string, s.utf8.count == 66, v.hasHexPrefix, Hex.decode(s) != nil else {
            throw FetchError.badBlock(number: block, field: key, problem: "expected a 32-byte 0x-hex hash")
        }
        return s.lowercased()
    }

    /// A block with its transactions as `{"block","timestamp","index","raw"}` lines: each object
    /// re-encoded to its signed bytes and checked against its `hash`; deposits skipped and counted.
    public static func transactions(_ o: JSONElement, expected: UInt64) throws -> FetchedBlock {
        var block = try header(o, expected: expected)
        guard let txs = o.present("transactions"), txs.isArray else {
            throw FetchError.badBlock(number: block.number, field: "transactions", problem: "expected an array of transaction objects")
        }
        var text = [UInt8]()
        // A line is a little over 2 × the signed bytes, which are a little under half the JSON object.
        text.reserveCapacity(Int(txs.textCount) + 4096)
        let prefix = Array("{\"block\":\(block.number),\"timestamp\":\(block.timestamp),\"index\":".utf8)
        // One buffer for every transaction of the block: encoding allocates nothing per transaction.
        let scratch = ByteBuffer(capacity: 1 << 14)
        for (i, object) in txs.items.enumerated() {
            guard object.isObject else {
                throw FetchError.badBlock(number: block.number, field: "transactions[\(i)]",
                                          problem: "expected a transaction object, got \(object.kindDescription) (ask for full transactions: eth_getBlockByNumber(n, true))")
            }
            let type: TransactionType, range: Range<Int>
            scratch.removeAll()
            do {
                // The encoder checks every field's shape and writes canonical RLP; the hash check
                // below catches anything else, so the bytes are not decoded again.
                (type, range) = try RPCTransactionEncoder.encode(object, into: scratch)
            } catch let e as TransactionDecodeError {
                throw FetchError.badBlock(number: block.number, field: "transactions[\(i)]" + (e.field.map { ".\($0)" } ?? ""), problem: e.problem)
            }
            if type == .deposit { block.depositsSkipped += 1; continue }
            guard let claimed = object.present("hash"), claimed.isString else {
                throw FetchError.badBlock(number: block.number, field: "transactions[\(i)].hash", problem: "missing; every transaction is checked against its hash")
            }
            let raw = scratch.bytes[range]
            let computed = Keccak256.hash(UnsafeRawBufferPointer(rebasing: raw))
            guard claimed.isHex(of: computed) else {
                throw FetchError.hashMismatch(block: block.number, index: i, claimed: claimed.string ?? "", computed: "0x" + Hex.encode(computed))
            }
            text += prefix
            appendDecimal(i, to: &text)
            text += rawKey
            Hex.append(UnsafeRawBufferPointer(rebasing: raw), to: &text)
            text += lineEnd
            block.transactions += 1
            block.transactionBytes += raw.count
        }
        block.text = text
        return block
    }

    private static let rawKey = Array(",\"raw\":\"0x".utf8), lineEnd: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0a]

    /// Appends the decimal digits of a non-negative integer, without a String.
    private static func appendDecimal(_ v: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = max(0, v), k = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[k] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10; k += 1 } while n > 0
            for j in stride(from: k - 1, through: 0, by: -1) { out.append(d[j]) }
        }
    }

    /// The CSV header of `feeRow`, in the form the scenario's `csv` curve reads (first column time).
    public static let feeHeader = "timestamp,block,base_fee_gwei,blob_base_fee_gwei,blob_gas_used,excess_blob_gas\n"

    /// One CSV row of fee history. The blob base fee is computed from `excessBlobGas` with the
    /// update fraction of the fork in force at the block's timestamp (EIP-4844, EIP-7691, BPO);
    /// fields a block does not have (before London or Cancun) are left empty.
    public static func feeRow(_ o: JSONElement, expected: UInt64, schedule: BlobSchedule) throws -> FetchedBlock {
        var block = try header(o, expected: expected)
        func quantity(_ key: String) throws -> UInt64? {
            guard let v = o.present(key) else { return nil }
            guard let n = v.uint64 else { throw FetchError.badBlock(number: block.number, field: key, problem: "expected a hex quantity below 2^64") }
            return n
        }
        let baseFee = try quantity("baseFeePerGas")
        let used = try quantity("blobGasUsed")
        let excess = try quantity("excessBlobGas")
        var blobFee = ""
        if let excess {
            guard let fork = schedule.fork(at: Int64(clamping: block.timestamp)) else {
                throw FetchError.badBlock(number: block.number, field: "excessBlobGas", problem: "the block carries blob fields but no blob fork is scheduled at timestamp \(block.timestamp)")
            }
            blobFee = gwei(BlobFeeMarket.baseFeePerBlobGas(excessBlobGas: excess, updateFraction: fork.updateFraction))
        }
        let row = "\(block.timestamp),\(block.number),\(baseFee.map { gwei(UInt128($0)) } ?? ""),\(blobFee),\(used.map(String.init) ?? ""),\(excess.map(String.init) ?? "")\n"
        block.text = Array(row.utf8)
        return block
    }

    /// Wei as exact decimal gwei ("61.563636216", "0.000000001", "12").
    public static func gwei(_ wei: UInt128) -> String {
        let whole = wei / 1_000_000_000, frac = wei % 1_000_000_000
        guard frac != 0 else { return String(whole) }
        var digits = String(frac)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
