/// Where an alt-DA layer's batcher posts what the layer will not take (it is down, or it refuses the
/// traffic): Ethereum blobs or calldata, at that layer's price for the same payload, under the calldata
/// rule in force.
struct EthereumFallback {
    let kind: LayerKind
    private let batcher: Scenario.BatcherPolicy
    private(set) var layer: DALayer
    private var costs = [Int: LinearCost]()

    /// nil unless `kind` is an Ethereum layer.
    init?(kind: LayerKind, batcher: Scenario.BatcherPolicy, calldata: CalldataPricing) {
        guard kind == .ethereumBlobs || kind == .ethereumCalldata else { return nil }
        self.kind = kind; self.batcher = batcher
        layer = Self.make(kind, batcher, calldata)
    }

    private static func make(_ kind: LayerKind, _ batcher: Scenario.BatcherPolicy, _ calldata: CalldataPricing) -> DALayer {
        LayerSpec(kind: kind, name: kind.rawValue.replacingOccurrences(of: "_", with: "-")).makeLayer(batcher: batcher, calldata: calldata)
    }

    /// Prices under the calldata rule now in force (a horizon can cross a fork).
    mutating func follow(calldata: CalldataPricing) {
        layer = Self.make(kind, batcher, calldata)
        costs = [:]
    }

    /// Posts `count` submissions of `payload` here at `prices`, booked in `tally` as fallback; returns their USD.
    mutating func post(_ payload: Payload, count: Double, at prices: LinearCost.Prices, into tally: inout LayerTally) -> Double {
        tally.add(cost(of: payload).evaluate(prices, scale: count), count: count, fallback: true)
    }

    /// The cost of `payload` on the fallback layer (cached by size: full channels repeat it).
    private mutating func cost(of payload: Payload) -> LinearCost {
        if let c = costs[payload.bytes] { return c }
        let c = LinearCost.of(layer, layer.pack(payload))
        if costs.count > 4096 { costs.removeAll() }
        costs[payload.bytes] = c
        return c
    }
}
