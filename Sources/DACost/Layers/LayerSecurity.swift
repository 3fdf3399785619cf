/// What guarantees a layer's data, for how long, and what a user must trust: the other side of each
/// layer's price (issue 17, part 4). Facts carry their source; a stake without a sourced figure is the
/// scenario's value (`stake_usd`) or stated as unknown, never invented.
public struct LayerSecurity: Codable, Equatable, Sendable {
    /// Who keeps the data available.
    public var guarantor: String
    /// The committee or validator set and the share of it that must be honest.
    public var committee: String
    /// Value staked behind the guarantee (USD), and where the figure comes from; nil: not known.
    public var stakeUSD: Double?
    public var stakeBasis: String
    /// How long the data stays retrievable from the layer itself (days; nil: permanent).
    public var retentionDays: Double?
    public var retention: String
    /// What a user gives up against posting on Ethereum.
    public var userTrusts: String

    enum CodingKeys: String, CodingKey {
        case guarantor, committee, retention
        case stakeUSD = "stake_usd", stakeBasis = "stake_basis", retentionDays = "retention_days", userTrusts = "user_trusts"
    }

    /// ETH staked on the beacon chain on 2024-03-28: 32,076,797 (hildobby's Dune dashboard, as reported by
    /// Coinspeaker, "Ethereum Network Hits Record High of 1 Million Validators"). A dated figure (?): the
    /// stake has moved since; `stake_usd` replaces it.
    public static let ethereumStakedETH = 32_076_797.0
    /// MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS 4,096 epochs × 32 slots × 12 s (consensus-specs deneb
    /// p2p-interface.md; Fulu keeps 4,096 epochs for data column sidecars).
    public static let blobRetentionDays = 4_096.0 * 32 * 12 / 86_400
    /// EigenDA STORE_DURATION_BLOCKS = 100,800 blocks of 12 s (contracts/src/core/EigenDAServiceManagerStorage.sol).
    public static let eigenDARetentionDays = 100_800.0 * 12 / 86_400
    /// celestia-node's availability (sampling) window: 7 days by default (share/availability window.go;
    /// CIP-4 first set 30 days) (?): bridge and full nodes prune past it, archival nodes keep everything.
    public static let celestiaRetentionDays = 7.0

    /// The defaults of `spec`'s layer kind, with the scenario's `stake_usd` and `retention_days` where set.
    public static func of(_ spec: LayerSpec, ethUSD: Double) -> LayerSecurity {
        var s: LayerSecurity
        let ethereumStake = ethUSD > 0 ? ethereumStakedETH * ethUSD : nil
        let ethereumBasis = "32,076,797 ETH staked on 2024-03-28 (Dune, via Coinspeaker) (?) at the scenario's ETH price"
        switch spec.kind {
        case .ethereumCalldata:
            s = LayerSecurity(guarantor: "Ethereum consensus", committee: "all Ethereum validators; finality needs 2/3 of stake",
                              stakeUSD: ethereumStake, stakeBasis: ethereumBasis, retentionDays: nil,
                              retention: "permanent (execution history; EIP-4444 lets nodes prune it after expiry)", userTrusts: "nothing beyond Ethereum")
        case .ethereumBlobs:
            s = LayerSecurity(guarantor: "Ethereum consensus", committee: "all Ethereum validators; finality needs 2/3 of stake",
                              stakeUSD: ethereumStake, stakeBasis: ethereumBasis, retentionDays: blobRetentionDays,
                              retention: "4,096 epochs ≈ 18.2 days (MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS)",
                              userTrusts: "that someone keeps blobs older than 18 days for anyone who syncs later")
        case .celestia:
            s = LayerSecurity(guarantor: "Celestia validators + data availability sampling", committee: "Celestia validator set; light nodes sample",
                              stakeUSD: nil, stakeBasis: "not stated: set stake_usd", retentionDays: celestiaRetentionDays,
                              retention: "7-day availability window (celestia-node default (?); archival nodes keep more)",
                              userTrusts: "Celestia's validators, and Blobstream to prove availability on L1")
        case .eigenDA:
            s = LayerSecurity(guarantor: "EigenLayer operators (restaked), disperser",
                              committee: "up to 200 operators per quorum (EigenDA registration protocol); an honest third of stake; no slashing yet (L2BEAT)",
                              stakeUSD: nil, stakeBasis: "not stated: set stake_usd", retentionDays: eigenDARetentionDays,
                              retention: "100,800 blocks ≈ 14 days (STORE_DURATION_BLOCKS)",
                              userTrusts: "the operator committee's honesty and the disperser's liveness")
        case .avail:
            s = LayerSecurity(guarantor: "Avail validators + data availability sampling", committee: "Avail validator set; light clients sample",
                              stakeUSD: nil, stakeBasis: "not stated: set stake_usd", retentionDays: nil,
                              retention: "not stated (?)", userTrusts: "Avail's validators, and a bridge to prove availability on L1")
        case .generic:
            s = LayerSecurity(guarantor: "the layer's operator", committee: "as the operator states", stakeUSD: nil,
                              stakeBasis: "not stated: set stake_usd", retentionDays: nil, retention: "not stated",
                              userTrusts: "the operator")
        }
        if let v = spec.stakeUSD { s.stakeUSD = v; s.stakeBasis = "scenario (stake_usd)" }
        if let d = spec.retentionDays { s.retentionDays = d; s.retention = "\(NumberFormat.compact(d, 4)) days (scenario)" }
        return s
    }
}
