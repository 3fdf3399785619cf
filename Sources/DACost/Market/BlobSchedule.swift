/// Blob parameters of one fork: what EIP-7840 calls a blob schedule entry.
public struct BlobFork: Sendable, Equatable, Codable {
    public var name: String
    /// Activation time (unix seconds) on the chain.
    public var timestamp: Int64
    public var target: Int
    public var max: Int
    public var updateFraction: UInt64
    /// Whether EIP-7918's reserve price (Osaka and later) applies.
    public var reservePrice: Bool

    public init(name: String, timestamp: Int64, target: Int, max: Int, updateFraction: UInt64, reservePrice: Bool) {
        self.name = name; self.timestamp = timestamp; self.target = target; self.max = max
        self.updateFraction = updateFraction; self.reservePrice = reservePrice
    }

    enum CodingKeys: String, CodingKey {
        case name, timestamp, target, max
        case updateFraction = "update_fraction"
        case reservePrice = "reserve_price"
    }
}

/// The forks in force over time, ordered by activation; the one in force at a block is the last
/// one activated at or before its timestamp.
public struct BlobSchedule: Sendable, Equatable, Codable {
    public var forks: [BlobFork]

    public init(forks: [BlobFork]) { self.forks = forks }

    /// Ethereum mainnet through BPO2.
    public static let mainnet = BlobSchedule(forks: [
        // EIP-4844; go-ethereum params/config.go (CancunTime, DefaultCancunBlobConfig)
        BlobFork(name: "cancun", timestamp: 1_710_338_135, target: 3, max: 6, updateFraction: 3_338_477, reservePrice: false),
        // EIP-7691; go-ethereum params/config.go (PragueTime, DefaultPragueBlobConfig)
        BlobFork(name: "prague", timestamp: 1_746_612_311, target: 6, max: 9, updateFraction: 5_007_716, reservePrice: false),
        // EIP-7607 (Fusaka) adds EIP-7918; go-ethereum params/config.go (OsakaTime, DefaultOsakaBlobConfig)
        BlobFork(name: "osaka", timestamp: 1_764_798_551, target: 6, max: 9, updateFraction: 5_007_716, reservePrice: true),
        // EIP-7892 BPO1; go-ethereum params/config.go (BPO1Time, DefaultBPO1BlobConfig)
        BlobFork(name: "bpo1", timestamp: 1_765_290_071, target: 10, max: 15, updateFraction: 8_346_193, reservePrice: true),
        // EIP-7892 BPO2; go-ethereum params/config.go (BPO2Time, DefaultBPO2BlobConfig)
        BlobFork(name: "bpo2", timestamp: 1_767_747_671, target: 14, max: 21, updateFraction: 11_684_671, reservePrice: true),
    ])

    /// The fork in force at `timestamp`, or nil before the first.
    public func fork(at timestamp: Int64) -> BlobFork? {
        var found: BlobFork? = nil
        for f in forks where f.timestamp <= timestamp { found = f }
        return found
    }

    /// A bound on any fork's max blobs per block (mainnet's BPO2 has 21), so that a typo cannot ask the
    /// simulator for tables of a billion entries.
    public static let maxBlobsPerBlock = 4096

    /// Problems with the schedule: forks out of time order, impossible parameters.
    public func problems() -> [String] {
        var out = [String]()
        for (i, f) in forks.enumerated() {
            if i > 0 && f.timestamp <= forks[i - 1].timestamp {
                out.append("forks[\(i)] (\(f.name)) activates at \(f.timestamp), not after forks[\(i - 1)] (\(forks[i - 1].name)) at \(forks[i - 1].timestamp): forks must be in time order")
            }
            if f.target < 1 || f.max < f.target || f.max > Self.maxBlobsPerBlock {
                out.append("forks[\(i)] (\(f.name)): expected 1 ≤ target ≤ max ≤ \(Self.maxBlobsPerBlock), got target \(f.target), max \(f.max)")
            }
            if f.updateFraction == 0 || f.updateFraction > 1 << 40 { out.append("forks[\(i)] (\(f.name)): expected an update fraction from 1 to 2^40") }
        }
        return out
    }
}
