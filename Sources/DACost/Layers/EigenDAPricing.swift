/// EigenDA v2: on-demand payments per symbol, or a bandwidth reservation at a flat price.
public struct EigenDAPricing: DALayer {
    public static let bytesPerSymbol = 32 // Layr-Labs/eigenda docs/spec/src/protocol/payments/payment_system.md
    /// Payload bytes per symbol after encoding (one 0x00 pad byte per 31 bytes).
    public static let payloadBytesPerSymbol = 31 // eigenda docs/spec/src/integration/spec/3-data-structs.md
    public static let defaultMinNumSymbols: UInt64 = 4096 // eigenda contracts/script/deploy/eigenda/mainnet.beta.config.toml
    public static let defaultPricePerSymbolWei: UInt64 = 447_000_000 // eigenda contracts/script/deploy/eigenda/mainnet.beta.config.toml
    public static let defaultMaxBlobBytes = 16 << 20 // eigenda docs (max blob size 16 MiB)

    public enum Mode: Sendable, Equatable {
        case onDemand
        /// A reservation of `symbolsPerSecond` for `usdPer30Days`.
        case reservation(symbolsPerSecond: Double, usdPer30Days: Double)
    }

    public var name = "eigenda"
    public let kind = LayerKind.eigenDA
    public var mode: Mode = .onDemand
    public var pricePerSymbolWei: UInt64 = EigenDAPricing.defaultPricePerSymbolWei
    public var minNumSymbols: UInt64 = EigenDAPricing.defaultMinNumSymbols
    public var maxBlobBytes = EigenDAPricing.defaultMaxBlobBytes
    /// Gas on L1 per submission for the certificate's inbox transaction, paid in ETH (`AltDACommitment`).
    public var l1CommitmentGas: UInt64 = 0

    public init(name: String = "eigenda", mode: Mode = .onDemand) { self.name = name; self.mode = mode }

    public var nativeUnit: String { "ETH" }

    public var trust: TrustModel {
        TrustModel(guarantor: "EigenLayer operators (restaked), disperser", tradeOff: "Ethereum security; committee honesty assumption")
    }

    /// The largest payload whose encoding fits the blob limit.
    public var maxSubmissionBytes: Int { (maxBlobBytes / Self.bytesPerSymbol - 1) * Self.payloadBytesPerSymbol }

    /// Symbols a payload of `n` bytes occupies: a 32-byte header plus ⌈n / 31⌉ symbols, padded to a power of two.
    public static func symbols(payloadBytes n: UInt64) -> UInt64 {
        let raw = 1 + (n + 30) / 31
        var p: UInt64 = 1
        while p < raw { p <<= 1 }
        return p
    }

    /// The on-demand meter and a reservation count symbols, padding included (`symbols(payloadBytes:)`).
    public func capacityBytes(_ packing: Packing) -> Int { (packing.units["symbols"] ?? 0) * Self.bytesPerSymbol }

    public func pack(_ payload: Payload) -> Packing {
        let per = maxSubmissionBytes
        let blobs = max(1, (payload.bytes + per - 1) / per)
        var symbols: UInt64 = 0, billed: UInt64 = 0, remaining = payload.bytes
        for _ in 0..<blobs {
            let n = min(remaining, per); remaining -= n
            let s = Self.symbols(payloadBytes: UInt64(n))
            symbols += s; billed += max(s, minNumSymbols)
        }
        let capacity = Int(billed) * Self.payloadBytesPerSymbol - blobs * Self.payloadBytesPerSymbol
        return Packing(payload: payload, paidCapacityBytes: max(capacity, payload.bytes), transactions: blobs,
                       units: ["symbols": Int(symbols), "billed_symbols": Int(billed), "blobs": blobs,
                               "l1_commitment_gas": blobs * Int(l1CommitmentGas)])
    }

    public func cost(_ packing: Packing, at market: MarketState) -> Cost {
        let eth = market.price("ETH")
        let l1Wei = UInt128(packing.units["l1_commitment_gas"] ?? 0) * (market.l1BaseFee + market.l1PriorityFee)
        let l1USD = Units.eth(l1Wei) * eth
        switch mode {
        case .onDemand:
            let wei = UInt128(packing.units["billed_symbols"] ?? 0) * UInt128(pricePerSymbolWei)
            var c: [CostComponent: Double] = [.altDAFee: Units.eth(wei) * eth]
            if l1Wei > 0 { c[.fixedL1Overhead] = l1USD }
            return Cost(native: Units.eth(wei + l1Wei), nativeUnit: "ETH", wei: wei + l1Wei, usd: Units.eth(wei) * eth + l1USD, components: c)
        case .reservation:
            // The reservation is a flat fee per period: its share per submission is set by how often
            // the rollup submits (see `ReservationShare`); here only the L1 part is per submission.
            var c: [CostComponent: Double] = [:]
            if l1Wei > 0 { c[.fixedL1Overhead] = l1USD }
            return Cost(native: Units.eth(l1Wei), nativeUnit: "ETH", wei: l1Wei, usd: l1USD, components: c)
        }
    }

    /// USD per day of a reservation, whatever the traffic.
    public var reservationUSDPerDay: Double? {
        if case .reservation(_, let usd) = mode { return usd / 30 }
        return nil
    }

    public func warnings(compressedBytesPerSecond: Double, submissionsPerDay: Double) -> [String] {
        guard case .reservation(let bandwidth, _) = mode else { return [] }
        let needed = compressedBytesPerSecond / Double(Self.payloadBytesPerSymbol)
        if needed > bandwidth {
            return ["\(name): traffic needs \(NumberFormat.fixed(needed, 1)) symbols/s, more than the reserved \(NumberFormat.fixed(bandwidth, 1)) symbols/s: the excess would be rejected or paid on demand"]
        }
        return []
    }
}
