/// What each stack's user-fee formula reads from a transaction, averaged over a trace: calldata gas of
/// the signed transaction (OP Bedrock, Ecotone), the Fjord estimated size (OP from Fjord), the brotli-1
/// size (ArbOS units), the CDK data gas of its batch form, and its gas limit (the operator fee's gas, an
/// upper bound on gas used). The formulas are linear in these per transaction except for Fjord's floor,
/// which is applied per transaction before averaging.
public struct UserFeeInputs: Sendable, Equatable, Codable {
    public var transactions = 0
    /// Mean 4 × zero + 16 × non-zero bytes of the signed transaction.
    public var meanCalldataGas = 0.0
    /// Mean Fjord estimated size × 1e6 and mean FastLZ length.
    public var meanFjordEstimatedSizeScaled = 0.0
    public var meanFastlzBytes = 0.0
    /// Mean brotli-1 (window 22) length, over `brotliSampled` transactions (every k-th of a large trace).
    public var meanBrotli1Bytes = 0.0
    public var brotliSampled = 0
    /// Mean CDK effective-gas-price data gas (`PolygonCDKEffectiveGasPrice.dataGas`); transactions a CDK
    /// batch cannot carry (deposits, blob transactions) are left out of it.
    public var meanCDKDataGas = 0.0
    /// Mean gas limit.
    public var meanGasLimit = 0.0

    enum CodingKeys: String, CodingKey {
        case transactions, brotliSampled = "brotli_sampled"
        case meanCalldataGas = "mean_calldata_gas", meanFjordEstimatedSizeScaled = "mean_fjord_estimated_size_scaled"
        case meanFastlzBytes = "mean_fastlz_bytes", meanBrotli1Bytes = "mean_brotli1_bytes"
        case meanCDKDataGas = "mean_cdk_data_gas", meanGasLimit = "mean_gas_limit"
    }

    public init() {}

    /// At most this many transactions are brotli-compressed one by one; a larger trace is sampled evenly.
    public static let brotliSampleLimit = 50_000

    /// Reads the trace at `path` once; `progress` hears the file bytes read and the file's size.
    public static func measure(path: String, progress: ((Double, Double?) -> Void)? = nil) throws -> UserFeeInputs {
        let reader = try TraceReader(path: path)
        // The transaction count is not known up front: the brotli stride doubles as the trace grows.
        var acc = Accumulator(stride: 1)
        let total = reader.fileBytes.map(Double.init)
        while let tx = try reader.next() {
            acc.add(tx.bytes)
            if acc.n % 4096 == 0 { progress?(Double(reader.fileBytesRead), total) }
        }
        progress?(Double(reader.fileBytesRead), total)
        return acc.result
    }

    /// From transactions in memory.
    public static func measure(transactions: [[UInt8]]) -> UserFeeInputs {
        var acc = Accumulator(stride: max(1, transactions.count / brotliSampleLimit))
        for tx in transactions { acc.add(tx) }
        return acc.result
    }

    struct Accumulator {
        var stride: Int
        var n = 0, calldata = 0.0, fjord = 0.0, flz = 0.0, cdk = 0.0, cdkN = 0, gas = 0.0, gasN = 0
        /// Brotli-1 lengths of every `stride`-th transaction (index, length); when the sample passes twice
        /// its limit, every other one is dropped and the stride doubles, so it stays an even sample.
        var brotli = [(index: Int, length: Int)]()

        mutating func add(_ tx: [UInt8]) {
            n += 1
            var zero = 0
            for b in tx where b == 0 { zero += 1 }
            calldata += Double(4 * zero + 16 * (tx.count - zero))
            let f = FastLZ.compressedLength(tx)
            flz += Double(f)
            fjord += Double(TraceFingerprint.fjordEstimatedSizeScaled(fastlzSize: f))
            if (n - 1) % stride == 0, let b = BrotliCodec.compressedLength(tx, quality: 1) {
                brotli.append((n - 1, b))
                if brotli.count >= UserFeeInputs.brotliSampleLimit * 2 {
                    stride *= 2
                    brotli.removeAll { $0.index % stride != 0 }
                }
            }
            var form = [UInt8]()
            if (try? PolygonCDKBatchEncoder.append(tx, effectivePercentage: PolygonCDKBatchEncoder.maxEffectivePercentage, to: &form)) != nil {
                let body = form.dropLast(Int(PolygonCDKEffectiveGasPrice.constBytesTx))
                var z = 0
                for b in body where b == 0 { z += 1 }
                cdk += PolygonCDKEffectiveGasPrice.dataGas(zeroBytes: Double(z), nonZeroBytes: Double(body.count - z)); cdkN += 1
            }
            if let g = try? tx.withUnsafeBufferPointer({ b -> UInt64 in
                let f = try SignedTransactionFields(b, accepted: [0, 1, 2, 3, 4]) { _ in "not an L2 user transaction" }
                return try f.uint(f.gas)
            }) { gas += Double(g); gasN += 1 }
        }

        var result: UserFeeInputs {
            var r = UserFeeInputs()
            let d = Double(max(1, n))
            r.transactions = n
            r.meanCalldataGas = calldata / d
            r.meanFjordEstimatedSizeScaled = fjord / d
            r.meanFastlzBytes = flz / d
            r.meanBrotli1Bytes = brotli.isEmpty ? 0 : Double(brotli.reduce(0) { $0 + $1.length }) / Double(brotli.count)
            r.brotliSampled = brotli.count
            r.meanCDKDataGas = cdkN > 0 ? cdk / Double(cdkN) : 0
            r.meanGasLimit = gasN > 0 ? gas / Double(gasN) : 0
            return r
        }
    }
}
