/// What an alt-DA layer can carry per second on a date, from its protocol parameters: the ceiling a
/// rollup's posting meets before any fee market does. Counted in the unit the layer's limit counts
/// (`DALayer.capacityBytes`): blob bytes for Celestia, data bytes of the matrix for Avail, encoded
/// bytes (symbols × 32) for EigenDA. The whole layer's ceiling: other users' demand
/// (`background_bytes_per_second`) is taken from it where it applies (`AltDACongestion`).
public struct LayerThroughput: Sendable, Equatable {
    public var bytesPerSecond: Double
    /// What sets it, for a person: "app v9 (from 2026-07-01): 256×256 squares, 31,587,866 blob bytes every 3 s".
    public var basis: String

    public init(bytesPerSecond: Double, basis: String) { self.bytesPerSecond = bytesPerSecond; self.basis = basis }

    /// The ceiling of a layer of `kind` on `day` (epoch seconds), with the scenario's overrides; nil for a
    /// layer without a protocol ceiling of its own (Ethereum layers are bounded per block elsewhere;
    /// a generic layer only by its `max_bytes_per_second`).
    public static func of(_ spec: LayerSpec, at time: Int64) -> LayerThroughput? {
        if let v = spec.maxBytesPerSecond { return LayerThroughput(bytesPerSecond: v, basis: "max_bytes_per_second") }
        switch spec.kind {
        case .celestia: return CelestiaThroughput.at(time, blockSeconds: spec.blockSeconds, blockBytes: spec.blockBytes)
        case .avail: return AvailThroughput.at(blockSeconds: spec.blockSeconds, blockBytes: spec.blockBytes)
        case .eigenDA:
            if spec.mode == "reservation", let bw = spec.reservationSymbolsPerSecond {
                return LayerThroughput(bytesPerSecond: bw * Double(EigenDAPricing.bytesPerSymbol),
                                       basis: "the reservation's \(NumberFormat.grouped(Int(bw.rounded()))) symbols/s")
            }
            let symbols = spec.onDemandSymbolsPerSecond ?? EigenDAThroughput.globalSymbolsPerPeriod
            return LayerThroughput(bytesPerSecond: symbols * Double(EigenDAPricing.bytesPerSymbol),
                                   basis: "the on-demand global rate of \(NumberFormat.grouped(Int(symbols.rounded()))) symbols/s (shared by every on-demand user)")
        case .ethereumBlobs, .ethereumCalldata, .generic: return nil
        }
    }

    /// Bytes per block over the block time, each the default (with its description) unless the
    /// scenario's `block_bytes` or `block_seconds` overrides it, and the basis says which.
    static func perBlock(bytes: (Int, String), unit: String, seconds: Double, prefix: String,
                         overrides: (bytes: Int?, seconds: Double?)) -> LayerThroughput {
        let b = overrides.bytes ?? bytes.0, s = overrides.seconds ?? seconds
        let what = overrides.bytes.map { "\(NumberFormat.grouped($0)) \(unit) (block_bytes)" } ?? bytes.1
        return LayerThroughput(bytesPerSecond: Double(b) / s,
                               basis: prefix + "\(what) every \(NumberFormat.compact(s, 3)) s" + (overrides.seconds == nil ? "" : " (block_seconds)"))
    }

    /// The ceiling at `start` and at each change before `end` (a Celestia app version activating), as
    /// (time it holds from, bytes per second); empty for a layer without a ceiling.
    public static func changes(_ spec: LayerSpec, from start: Int64, to end: Int64) -> [(time: Int64, bytesPerSecond: Double)] {
        guard let first = of(spec, at: start) else { return [] }
        var out = [(time: start, bytesPerSecond: first.bytesPerSecond)]
        if spec.kind == .celestia && spec.maxBytesPerSecond == nil {
            for e in CelestiaThroughput.mainnet where e.from > start && e.from < end {
                if let t = of(spec, at: e.from) { out.append((e.from, t.bytesPerSecond)) }
            }
        }
        return out
    }
}

/// Celestia's blob space by app version: square size and block time (celestia-app specs and CIPs, as
/// `shared/reference/stacks.md` §13 gives them).
public enum CelestiaThroughput {
    public struct Era: Sendable {
        public let name: String
        /// First second it holds (UTC).
        public let from: Int64
        public let squareSize: Int
        public let blockSeconds: Double
    }

    /// Mainnet eras, oldest first. Dates marked (?) in the reference are the stated defaults here.
    public static let mainnet: [Era] = [
        // celestia-app specs/src/parameters_v1.md: 64×64 governance square, ~12 s blocks; mainnet beta 2023-10-31 (?)
        Era(name: "app v1-v2", from: 1_698_710_400, squareSize: 64, blockSeconds: 12),
        // v3 Ginger, 2024-12-12: 6-s blocks (CIP-26), square unchanged (parameters_v3.md)
        Era(name: "app v3 Ginger", from: 1_733_961_600, squareSize: 64, blockSeconds: 6),
        // governance square 128 (~8 MiB), celestiaorg/docs PR #1880 (2025-01-29) (?)
        Era(name: "8 MiB squares (governance)", from: 1_738_108_800, squareSize: 128, blockSeconds: 6),
        // v9, 2026-07-01 18:53 UTC (height 11,771,699): 256×256 squares, ~3 s target (CIP-48, CIP-50); ~2.6 s effective (?)
        Era(name: "app v9", from: 1_782_931_980, squareSize: 256, blockSeconds: 3),
    ]

    /// Blob bytes a k×k square holds: one first share of 478 bytes and k² − 2 continuation shares of 482
    /// (docs `operate/networks/mainnet-beta`: 1 × 478 + 65,534 × 482 = 31,587,866 B for 256×256).
    public static func blobBytes(squareSize k: Int) -> Int {
        CelestiaPricing.firstSparseShareContent + max(0, k * k - 2) * CelestiaPricing.continuationSparseShareContent
    }

    public static func era(at time: Int64) -> Era? { mainnet.last { $0.from <= time } }

    static func at(_ time: Int64, blockSeconds: Double?, blockBytes: Int?) -> LayerThroughput {
        // Before mainnet, the first era's parameters (a projection of a hypothetical past).
        let e = era(at: time) ?? mainnet[0] // allowed: `mainnet` is a non-empty literal
        let bytes = blobBytes(squareSize: e.squareSize)
        return LayerThroughput.perBlock(bytes: (bytes, "\(e.squareSize)×\(e.squareSize) squares (\(NumberFormat.grouped(bytes)) blob bytes)"),
                                        unit: "blob bytes", seconds: e.blockSeconds, prefix: e.name + ": ",
                                        overrides: (blockBytes, blockSeconds))
    }
}

/// Avail's data matrix every block (availproject/avail, `shared/reference/stacks.md` §15).
public enum AvailThroughput {
    /// MILLISECS_PER_BLOCK 20,000: availproject/avail runtime/src/constants.rs (mainnet since 2024-07-23).
    public static let blockSeconds = 20.0
    /// The live matrix of 256 × 256 cells of 31 data bytes (the "typical value" of the Avail API docs,
    /// kate/block-length (?)); the runtime allows up to 256 × 512 (`AvailPricing.matrixCols`).
    public static let defaultBlockBytes = 256 * 256 * Int(AvailPricing.bytesPerCell)

    static func at(blockSeconds: Double?, blockBytes: Int?) -> LayerThroughput {
        LayerThroughput.perBlock(bytes: (defaultBlockBytes, "a 256×256 matrix (\(NumberFormat.grouped(defaultBlockBytes)) data bytes)"),
                                 unit: "data bytes", seconds: Self.blockSeconds, prefix: "", overrides: (blockBytes, blockSeconds))
    }
}

/// EigenDA v2's on-demand metering (`shared/reference/stacks.md` §14).
public enum EigenDAThroughput {
    /// globalSymbolsPerPeriod: eigenda contracts/script/deploy/eigenda/mainnet.beta.config.toml (2025-11), leaked
    /// per second by core/meterer/on_demand_meterer.go (EigenDA v2 on mainnet since 2025-07).
    public static let globalSymbolsPerPeriod = 131_072.0
}
