/// The Ethereum side of an alt-DA submission. With OP alt-DA, the batcher sends one L1 transaction to
/// the batch inbox per alt-DA submission carrying a commitment to the data instead of the data
/// (`version_byte 0x01 ++ commitment`), which derivation reads to fetch the data from the DA layer.
/// That transaction is priced with the calldata rules (EIP-2028 / EIP-7623) like any inbox transaction.
public struct AltDACommitment: Sendable, Equatable {
    /// Bytes of the inbox transaction's data, and how many of them are zero.
    public var bytes: Int
    public var zeroBytes: Int

    public init(bytes: Int, zeroBytes: Int = 0) { self.bytes = bytes; self.zeroBytes = min(max(0, zeroBytes), bytes) }

    /// OP alt-DA framing: the derivation version byte 0x01 and the commitment type byte
    /// (0x00 keccak256, 0x01 generic). Source: ethereum-optimism/specs `specs/experimental/alt-da.md`
    /// (input commitment submission), op-node `rollup/derive/params.go` DerivationVersion1 (alt-DA, since 2024-05).
    public static let opFramingBytes = 2

    /// Celestia: generic commitment (framing + DA layer byte 0x0c) with an 8-byte block height and the
    /// 32-byte blob share commitment. Source: celestiaorg/optimism op-alt-da (celestia `CelestiaBlobID`:
    /// height uint64 little-endian ++ commitment). Of the height's 8 bytes, 4 are zero at heights below 2^32
    /// (mainnet height ~11.8M in 2026), and the keccak framing's 0x00 is not used.
    public static let celestia = AltDACommitment(bytes: opFramingBytes + 1 + 8 + 32, zeroBytes: 4)

    /// EigenDA V2: generic commitment (framing + DA layer byte 0x00 + cert version byte) with the RLP of an
    /// EigenDACertV3 (batch header, blob inclusion info with the blob certificate and its KZG commitments,
    /// non-signer stakes and the aggregate signature). (?) 1,100 bytes is an estimate from the field sizes
    /// with two quorums and no non-signers (Layr-Labs/eigenda `contracts/src/periphery/cert/EigenDACertTypes.sol`,
    /// api/proxy `common/types/commitments`); each non-signing operator adds ~70 bytes. Set
    /// `l1_commitment_bytes` from your own inbox transactions.
    public static let eigenDA = AltDACommitment(bytes: 1_100, zeroBytes: 0)

    /// Avail: (?) the keccak256 commitment (framing + 32-byte hash, the type byte 0x00 is the one zero),
    /// as the OP alt-DA spec's reference keccak mode; Avail's own alt-DA server may post a longer
    /// reference. Set `l1_commitment_bytes` to override.
    public static let avail = AltDACommitment(bytes: opFramingBytes + 32, zeroBytes: 1)

    /// The default commitment of an alt-DA layer kind; nil for Ethereum and generic layers.
    public static func standard(for kind: LayerKind) -> AltDACommitment? {
        switch kind {
        case .celestia: return .celestia
        case .eigenDA: return .eigenDA
        case .avail: return .avail
        case .ethereumBlobs, .ethereumCalldata, .generic: return nil
        }
    }

    /// Gas of the inbox transaction carrying it: 21,000 + the larger of the EIP-2028 cost and the
    /// EIP-7623 floor (an EOA inbox runs no code).
    public func gas(rules calldata: EthereumCalldata = EthereumCalldata()) -> UInt64 {
        calldata.gas(zeroBytes: UInt64(zeroBytes), nonZeroBytes: UInt64(bytes - zeroBytes))
    }
}
