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
        // Every transaction of the block is encoded into one buffer (no allocation per transaction),
        // then all are hashed together (four at a time where the CPU allows) and checked in order.
        let scratch = ByteBuffer(capacity: 1 << 17)
        var encoded: [(index: Int, range: Range<Int>, claimed: JSONElement)] = []
        do {
            for (i, object) in txs.items.enumerated() {
                guard object.isObject else {
                    throw FetchError.badBlock(number: block.number, field: "transactions[\(i)]",
                                              problem: "expected a transaction object, got \(object.kindDescription) (ask for full transactions: eth_getBlockByNumber(n, true))")
                }
                let start = scratch.count
                let type: TransactionType, range: Range<Int>
                do {
                    // The encoder checks every field's shape and writes canonical RLP; the hash
                    // check catches anything else, so the bytes are not decoded again.
                    (type, range) = try RPCTransactionEncoder.encode(object, into: scratch)
                } catch let e as TransactionDecodeError {
                    throw FetchError.badBlock(number: block.number, field: "transactions[\(i)]" + (e.field.map { ".\($0)" } ?? ""), problem: e.problem)
                }
                if type == .deposit { block.depositsSkipped += 1; scratch.truncate(to: start); continue }
                guard let claimed = object.present("hash"), claimed.isString else {
                    throw FetchError.badBlock(number: block.number, field: "transactions[\(i)].hash", problem: "missing; every transaction is checked against its hash")
                }
                encoded.append((i, range, claimed))
            }
        } catch {
            // A bad transaction further on does not hide a hash mismatch before it.
            try checkedDigests(of: encoded, in: scratch, block: block.number)
            throw error
        }
        try checkedDigests(of: encoded, in: scratch, block: block.number)
        // A line is `prefix`, the index, `rawKey`, two digits per signed byte and `lineEnd`: the
        // text's size is known, so it is written once, in place.
        let prefix = Array("{\"block\":\(block.number),\"timestamp\":\(block.timestamp),\"index\":".utf8)
        let fixed = prefix.count + rawKey.count + lineEnd.count
        let size = encoded.reduce(0) { $0 + fixed + decimalDigits($1.index) + 2 * $1.range.count }
        block.text = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return } // a block with no transactions
            var p = UnsafeMutableRawPointer(base)
            func put(_ bytes: [UInt8]) {
                bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } // allowed: the constants are not empty
                p += bytes.count
            }
            for tx in encoded {
                let raw = UnsafeRawBufferPointer(rebasing: scratch.bytes[tx.range])
                put(prefix)
                p += writeDecimal(tx.index, to: p)
                put(rawKey)
                Hex.write(raw, to: p)
                p += 2 * raw.count
                put(lineEnd)
                block.transactions += 1
                block.transactionBytes += raw.count
            }
            count = size
        }
        return block
    }

    /// Hashes the encoded transactions and checks each against the hash its object claims, in order.
    private static func checkedDigests(of encoded: [(index: Int, range: Range<Int>, claimed: JSONElement)],
                                       in scratch: ByteBuffer, block: UInt64) throws {
        guard !encoded.isEmpty else { return }
        var digests = [UInt8](repeating: 0, count: 32 * encoded.count)
        try digests.withUnsafeMutableBytes { d in
            // allowed: the array is not empty
            Keccak256.hash(scratch.bytes, ranges: encoded.map(\.range), into: d.baseAddress!)
            for (k, tx) in encoded.enumerated() {
                let computed = UnsafeRawBufferPointer(rebasing: d[(32 * k)..<(32 * k + 32)])
                guard tx.claimed.isHex(of: computed) else {
                    throw FetchError.hashMismatch(block: block, index: tx.index, claimed: tx.claimed.string ?? "", computed: "0x" + Hex.encode(computed))
                }
            }
        }
    }

    private static let rawKey = Array(",\"raw\":\"0x".utf8), lineEnd: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0a]

    /// How many decimal digits a non-negative integer has.
    private static func decimalDigits(_ v: Int) -> Int {
        var n = v, d = 1
        while n >= 10 { n /= 10; d += 1 }
        return d
    }

    /// Writes the decimal digits of a non-negative integer at `p`; returns how many.
    private static func writeDecimal(_ v: Int, to p: UnsafeMutableRawPointer) -> Int {
        let d = decimalDigits(v)
        var n = v
        for k in stride(from: d - 1, through: 0, by: -1) {
            p.storeBytes(of: UInt8(ascii: "0") + UInt8(n % 10), toByteOffset: k, as: UInt8.self)
            n /= 10
        }
        return d
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
