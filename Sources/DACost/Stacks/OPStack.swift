/// OP Stack facts the model needs by date: how blocks and batches are framed, the L1-attributes
/// deposit every L2 block opens with, the Bedrock user L1 fee, and output proposals. Small pure
/// functions of plain values; each constant with its source and the fork it holds from.
public enum OPStack {
    /// L2 block time on OP Mainnet (superchain-registry `superchain/configs/mainnet/op.toml` block_time, since Bedrock).
    public static let blockTimeSeconds = 2
    /// Transactions in each 2-second L2 block at `tps` (at least one; at most 100,000).
    public static func transactionsPerBlock(tps: Double) -> Int {
        let n = (tps * Double(blockTimeSeconds)).rounded()
        return n.isFinite ? Int(max(1, min(100_000, n))) : 1
    }
    /// L2 blocks a day.
    public static var blocksPerDay: Int { 86_400 / blockTimeSeconds }

    /// Bedrock fee parameters of OP Mainnet, from Bedrock (2023-06-06) until Ecotone (2024-03-14):
    /// superchain-registry `superchain/configs/mainnet/op.toml` `[genesis.system_config]` overhead 0xbc, scalar 0xa6fe0.
    public static let bedrockOverhead: UInt64 = 188
    public static let bedrockScalar: UInt64 = 684_000
    /// Ecotone activation on OP Mainnet (superchain-registry `superchain.toml`): the Bedrock formula ends here.
    public static let ecotoneTime: Int64 = 1_710_374_401 // 2024-03-14 00:00:01 UTC
    /// Fjord: channels compressed with brotli-10 (version byte 0x01) instead of zlib (2024-07-10 16:00:01 UTC).
    public static let fjordTime: Int64 = 1_720_627_201

    /// The batcher's channel codec on a date: zlib before Fjord, brotli-10 from it
    /// (specs `fjord/derivation.md`; op-batcher `compressor` defaults).
    public static func channelCodec(at time: Int64) -> CodecID { time < fjordTime ? .zlib(9) : .brotli(10) }

    /// Bedrock user L1 fee of one transaction, wei: `(rollupDataGas + overhead) × l1BaseFee × scalar / 1e6`
    /// (specs `protocol/exec-engine.md`, Bedrock/Regolith; op-geth `core/types/rollup_cost.go` L1CostFunc).
    public static func bedrockL1Fee(dataGas: UInt64, l1BaseFeeWei: UInt128, overhead: UInt64 = bedrockOverhead,
                                    scalar: UInt64 = bedrockScalar) -> UInt128 {
        UInt128(dataGas + overhead) * l1BaseFeeWei * UInt128(scalar) / 1_000_000
    }

    /// The L1-attributes deposit input of a Bedrock block: `setL1BlockValues(uint64 number, uint64 timestamp,
    /// uint256 basefee, bytes32 hash, uint64 sequenceNumber, bytes32 batcherHash, uint256 l1FeeOverhead,
    /// uint256 l1FeeScalar)`, selector 0x015d8eb9 (specs `protocol/deposits.md`, L1 attributes deposited
    /// transaction calldata, Bedrock): 4 + 8 × 32 = 260 bytes.
    public static let bedrockL1AttributesBytes = 260

    /// Calldata gas (4 per zero byte, 16 otherwise) of that input for the given values; the L1 block hash is
    /// taken as 32 non-zero bytes (a random hash has 31.9 on average) and the batcher hash as a 20-byte address.
    public static func bedrockL1AttributesGas(l1BlockNumber: UInt64, l1Timestamp: UInt64, l1BaseFeeWei: UInt64,
                                               sequenceNumber: UInt64, overhead: UInt64 = bedrockOverhead,
                                               scalar: UInt64 = bedrockScalar) -> UInt64 {
        func word(_ v: UInt64) -> (zero: UInt64, nonZero: UInt64) {
            var nonZero: UInt64 = 0, x = v
            while x > 0 { if x & 0xff != 0 { nonZero += 1 }; x >>= 8 }
            return (32 - nonZero, nonZero)
        }
        var zero: UInt64 = 0, nonZero: UInt64 = 4 // the selector's four bytes are non-zero
        for w in [word(l1BlockNumber), word(l1Timestamp), word(l1BaseFeeWei), word(sequenceNumber), word(overhead), word(scalar)] {
            zero += w.zero; nonZero += w.nonZero
        }
        nonZero += 32 // block hash
        zero += 12; nonZero += 20 // batcher hash: a left-padded address
        return 4 * zero + 16 * nonZero
    }

    /// Mean L1-attributes deposit gas over the six L2 blocks of an L1 block (sequence numbers 0…5) on a
    /// day whose L1 base fee averaged `l1BaseFeeWei`, at the L1 block of that time.
    public static func meanBedrockL1AttributesGas(at time: Int64, l1BaseFeeWei: UInt64, overhead: UInt64 = bedrockOverhead,
                                                  scalar: UInt64 = bedrockScalar) -> Double {
        // L1 block numbers by time: 17,420,000 on 2023-06-07 00:00 UTC (1686096000) and one per 12 s after
        // the Merge's slots (missed slots make this a slight over-estimate; only its byte length matters).
        let block = UInt64(max(0, 17_420_000 + (time - 1_686_096_000) / 12))
        let perL1Block = 12 / blockTimeSeconds
        let total = (0..<perL1Block).reduce(UInt64(0)) { sum, seq in
            sum + bedrockL1AttributesGas(l1BlockNumber: block, l1Timestamp: UInt64(max(0, time)), l1BaseFeeWei: l1BaseFeeWei,
                                         sequenceNumber: UInt64(seq), overhead: overhead, scalar: scalar)
        }
        return Double(total) / Double(perL1Block)
    }

    /// Gas of one `L2OutputOracle.proposeL2Output` on OP Mainnet in 2023 (?): 86,859, the median of the
    /// proposals in `fixtures/op-chains-daily-2023.csv` (their gas used / count; 86,855–86,862 a day). The
    /// contract's forge benchmark gives 92,973 (optimism `packages/contracts-bedrock/.gas-snapshot`, 2024-10):
    /// a scenario value, since a backtest on the same days is in-sample for it.
    public static let outputProposalGas2023 = 86_859.0
    /// Output proposals a day on OP Mainnet before fault proofs: one per 1,800 L2 blocks (one an hour)
    /// (superchain-registry `op.toml` l2_output_oracle_submission_interval 1800).
    public static let outputProposalsPerDay = 24.0

    /// Calldata batches: op-batcher's largest transaction (`EthereumCalldata.defaultMaxTxSize`).
    public static let preset = StackPreset(
        name: "op", title: "OP Stack", encoding: .opMainnet, calldataBatchBytes: EthereumCalldata.defaultMaxTxSize,
        extraGasPerBatch: 0, fixedGasPerDay: outputProposalGas2023 * outputProposalsPerDay,
        fixedCostsNote: "batches go to an EOA inbox (no execution); per day 24 output proposals of 86,859 gas (OP Mainnet 2023, L2OutputOracle; dispute-game gas since fault proofs not found (?))",
        published: 2_100)

    /// Frame framing of one batcher transaction: the derivation version byte and the frame header (channel
    /// id 16, frame number 2, length 4, is_last 1) (op-node `rollup/derive/frame.go`, since Bedrock).
    public static let batcherTxOverheadBytes = EthereumCalldata.versionBytes + EthereumCalldata.frameOverhead

    /// Bytes a singular batch (Bedrock to Delta) adds per L2 block around its transactions: the batch
    /// version byte, its RLP list header, parent hash and epoch hash (33 bytes each with their RLP
    /// headers), epoch number and timestamp (~5 each), the transaction list header, and the channel's
    /// RLP string header of the batch (specs `protocol/derivation.md`, batch format). (?) The small
    /// integers' sizes vary by a byte.
    public static let singularBatchOverheadBytesPerBlock = 1 + 3 + 33 + 5 + 33 + 5 + 3 + 3
    /// RLP string header of each transaction in a batch's list (3 bytes for 56–65,535-byte transactions; 2 below).
    public static let batchBytesPerTransaction = 3
}
