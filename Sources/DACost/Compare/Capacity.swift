/// Whether a layer can carry a posting rate at all. A row that needs more than its layer carries is
/// infeasible: reported with the reason, and never the winner.
public struct Feasibility: Codable, Equatable, Sendable {
    public var feasible: Bool
    /// Why not, for a person; nil when feasible.
    public var reason: String?

    public static let ok = Feasibility(feasible: true, reason: nil)
    public static func no(_ reason: String) -> Feasibility { Feasibility(feasible: false, reason: reason) }
}

/// Capacity limits of each kind of layer: pure functions of the posting rate.
public enum Capacity {
    /// Ethereum slots per day: 86,400 s / SECONDS_PER_SLOT 12 (consensus-specs `configs/mainnet.yaml`, since the Merge).
    public static let blocksPerDay = 7_200.0

    /// Ethereum blobs: the fork's maximum blobs per block, and none before Cancun.
    public static func blobs(perDay blobs: Double, fork: BlobFork?) -> Feasibility {
        guard let fork else { return .no("no blobs before Cancun (EIP-4844, mainnet 2024-03-13)") }
        let perBlock = blobs / blocksPerDay
        if perBlock > Double(fork.max) {
            return .no("needs \(NumberFormat.fixed(perBlock, 1)) blobs per 12-s block, more than \(fork.name)'s maximum of \(fork.max)")
        }
        return .ok
    }

    /// Ethereum calldata: a stated share of the block gas limit in force.
    public static func calldata(gasPerDay gas: Double, gasLimit: Int, maxShare: Double) -> Feasibility {
        let perBlock = gas / blocksPerDay, allowed = Double(gasLimit) * maxShare
        if perBlock > allowed {
            return .no("needs \(NumberFormat.significant(perBlock / 1e6, 3))M gas per 12-s block, more than \(NumberFormat.compact(maxShare * 100, 3))% of the \(NumberFormat.grouped(gasLimit)) L1 block gas limit")
        }
        return .ok
    }

    /// Alt-DA and generic layers: the layer's throughput on the day (`LayerThroughput`), in the unit its
    /// limit counts (`DALayer.capacityBytes`).
    /// `background`: what others use of it (bytes/s), which the rollup cannot.
    public static func throughput(bytesPerDay bytes: Double, limit: LayerThroughput?, background: Double = 0) -> Feasibility {
        guard let limit else { return .ok }
        let rate = bytes / 86_400
        let left = AltDACongestion.capacityLeft(ceiling: limit.bytesPerSecond, background: background)
        if rate > left {
            let others = background > 0 ? ", of which others use \(NumberFormat.grouped(Int(background.rounded()))) B/s" : ""
            return .no("needs \(NumberFormat.grouped(Int(rate.rounded()))) B/s, more than the layer's \(NumberFormat.grouped(Int(limit.bytesPerSecond.rounded()))) B/s (\(limit.basis))\(others)")
        }
        return .ok
    }
}
