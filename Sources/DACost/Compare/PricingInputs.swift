/// What `compare` and `project` start from: the scenario, the trace it names (or the one given, or
/// the bundled one), and the trace's compression profile for the scenario's codecs.
public struct PricingInputs {
    public var scenario: Scenario
    public var scenarioFile: String
    public var profile: CompressionProfile
    /// Where the trace was read from (the bundled one: its cached copy).
    public var tracePath: String = ""

    /// Loads the scenario (bundled default when nil), resolves the trace, and finds or measures its profile.
    /// With `opBlocksFromTraffic`, an OP span-batch encoding takes its L2 blocks from the scenario's traffic at
    /// OP's 2-second blocks (a trace without block boundaries) instead of the encoding's own count.
    public static func load(tracePath: String?, scenarioPath: String?, codecs: [CodecID]? = nil,
                            provider: ProfileProvider, opBlocksFromTraffic: Bool = false) throws -> PricingInputs {
        var (scenario, file) = try ScenarioReader.load(path: scenarioPath)
        var provider = provider
        if opBlocksFromTraffic, case .opSpanBatch = provider.encoding {
            provider.encoding = .opSpanBatch(transactionsPerBlock: OPStack.transactionsPerBlock(tps: scenario.traffic.tps))
        }
        if let codecs { scenario.codecs = codecs }
        // A stack posts with its own codec: the batcher's (priced in `project` and the OP fee check) is it.
        if let own = provider.encoding.posterCodec(at: scenario.startTimestamp) { scenario.batcher.codec = own }
        // And its own largest calldata batch (Arbitrum 99,960 bytes, CDK and OP 120,000).
        if let preset = StackPreset.posting(provider.encoding) {
            scenario.batcher.maxCalldataTxSize = preset.calldataBatchBytes
            // And it posts at the latest when its poster's delay runs out.
            if let delay = preset.maxDelayMinutes { scenario.batcher.maxChannelDurationMinutes = min(scenario.batcher.maxChannelDurationMinutes, delay) }
        }
        let bundled = tracePath == nil && scenario.trace == "default"
        let path: String
        if let tracePath { path = tracePath }
        else if !bundled { path = scenario.trace }
        else { path = try ScenarioReader.defaultTracePath }
        let needed = scenario.codecs.contains(scenario.batcher.codec) ? scenario.codecs : scenario.codecs + [scenario.batcher.codec]
        if provider.need == nil { provider.need = BatchNeed(scenario: scenario) }
        var profile = try provider.profile(tracePath: path, codecs: needed)
        // The bundled trace is written out to a cache folder: name it, not the machine's path.
        if bundled { profile.trace.path = "default (bundled op-mainnet-1766.hex)" }
        return PricingInputs(scenario: scenario, scenarioFile: file, profile: profile, tracePath: path)
    }
}
