/// The span of a projection under one calldata rule: from a step on, layers priced in calldata, the
/// batcher's calldata alternative and the blob/calldata parity follow the fork in force (EIP-2028,
/// EIP-7623, a dated EIP-7976 fork), so a horizon that crosses a fork pays each side's rules.
struct CalldataEra {
    /// First market step under this rule.
    let firstStep: Int
    let fork: CalldataFork
    let calldata: EthereumCalldata
    /// Per layer: the layer under this rule and its full channel.
    let layers: [DALayer]
    let full: [FullChannel]
    /// Calldata gas for one blob's worth of channel data.
    let parityGasPerBlob: Double

    init(firstStep: Int, fork: CalldataFork, scenario: Scenario, curve: RatioCurve) {
        self.firstStep = firstStep
        self.fork = fork
        let calldata = EthereumCalldata(maxTxSize: scenario.batcher.maxCalldataTxSize, pricing: fork.pricing)
        self.calldata = calldata
        layers = scenario.layers.map { $0.makeLayer(batcher: scenario.batcher, calldata: fork.pricing) }
        full = layers.map { layer in
            let batch = curve.uncompressedSize(forCompressed: Double(layer.maxSubmissionBytes))
            let payload = curve.payload(forBatch: batch)
            let packing = layer.pack(payload)
            return FullChannel(batch: batch, payload: payload, cost: LinearCost.of(layer, packing), blobs: packing.units["blobs"] ?? 0,
                               capacityBytes: layer.capacityBytes(packing))
        }
        parityGasPerBlob = Double(calldata.pack(Payload(bytes: scenario.batcher.blobEncoding.channelBytesPerBlob)).units["gas"] ?? 0)
    }

    /// The eras of a horizon of `steps` steps of `stepSeconds` from `start`: the fork in force at the start,
    /// then one per fork crossed, from the first step that begins at or after it.
    static func eras(scenario: Scenario, curve: RatioCurve, start: Int64, steps: Int, stepSeconds: Double) -> [CalldataEra] {
        let schedule = scenario.calldataSchedule
        var out = [CalldataEra(firstStep: 0, fork: schedule.fork(at: start), scenario: scenario, curve: curve)]
        let end = start + Int64((Double(steps) * stepSeconds).rounded(.up))
        for f in schedule.crossed(from: start, to: end) {
            let step = Int((Double(f.timestamp - start) / stepSeconds).rounded(.up))
            if step < steps { out.append(CalldataEra(firstStep: step, fork: f, scenario: scenario, curve: curve)) }
        }
        return out
    }
}
