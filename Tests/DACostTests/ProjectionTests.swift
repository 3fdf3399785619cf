import Foundation
import Testing
@testable import DACost

@Suite struct ProjectionTests {
    func scenario(_ yaml: String, files: [String: String] = [:]) throws -> Scenario {
        let dir = try VectorFile.temporaryDirectory()
        for (name, text) in files { try AtomicFile.write(text, to: dir + "/" + name) }
        try AtomicFile.write(yaml, to: dir + "/s.yaml")
        return try ScenarioReader.load(path: dir + "/s.yaml").0
    }

    func error(_ yaml: String, files: [String: String] = [:]) -> String {
        do { _ = try scenario(yaml, files: files); return "no error" } catch { return "\(error)" }
    }

    static let profile: CompressionProfile = {
        let trace = (try? ScenarioReader.defaultTracePath) ?? ""
        return (try? ProfileProvider(cacheDirectory: nil).profile(tracePath: trace, codecs: [.none, .zlib(9), .brotli(10), .brotli(11), .zstd(3)]))!
    }()

    /// All curves constant and one path: every layer within 0.1% of `compare`.
    @Test func constantProjectionAgreesWithCompare() throws {
        var s = try ScenarioReader.load(path: nil).0
        s.projection.paths = 1
        let report = ComparisonReport.build(scenario: s, scenarioFile: "default.yaml", profile: Self.profile)
        let projection = try ProjectionRun().run(scenario: s, profile: Self.profile)
        #expect(projection.layers.count == 5)
        for layer in projection.layers {
            let row = try #require(report.rows.first { $0.layer == layer.layer && $0.codec == s.batcher.codec })
            let expected = row.costPerDayUSD * Double(s.horizonDays)
            #expect(abs(layer.totalUSD.p50 / expected - 1) < 0.001, "\(layer.layer): \(layer.totalUSD.p50) vs \(expected)")
        }
    }

    /// A replayed CSV of AVAIL prices ($1 on day 1, $3 on day 2), Avail at 2 AVAIL per MB, codec none,
    /// 0.01 TPS: one submission an hour of ⌈0.01 × 3600 × 1,419,767 / 1,766⌉ = 28,943 bytes.
    /// By hand: 24 × 28,943 × 2e-6 AVAIL × $1 + 24 × 28,943 × 2e-6 × $3.
    @Test func csvReplayMatchesAHandComputation() throws {
        let s = try scenario("""
            horizon_days: 2
            traffic: {tps: 0.01}
            codecs: [none]
            batcher: {codec: none, max_channel_duration_minutes: 60}
            market:
              avail_usd: {kind: csv, path: avail.csv}
            layers: [{kind: avail, avail_per_mb: 2, l1_commitment_gas: 0}]
            projection: {paths: 1, market_step_minutes: 5}
            """, files: ["avail.csv": "timestamp,usd\n1700000000,1\n1700086400,3\n"])
        let p = try ProjectionRun().run(scenario: s, profile: Self.profile)
        let layer = try #require(p.layers.first)
        let payload = (0.01 * 3600 * 1_419_767 / 1_766).rounded(.up)
        #expect(payload == 28_943)
        let day1 = 24 * payload * 2e-6 * 1, day2 = 24 * payload * 2e-6 * 3
        #expect(abs(layer.daily[0].usd.p50 - day1) < 1e-9)
        #expect(abs(layer.daily[1].usd.p50 - day2) < 1e-9)
        #expect(abs(layer.totalUSD.p50 - (day1 + day2)) < 1e-9)
        #expect(layer.submissions.mean == 48 && layer.submissions.p5 == 48)
    }

    @Test func blobFeeStaysAtTargetAndRises8Point2PercentPerFullBlockUnderPrague() {
        let prague = BlobSchedule.mainnet.forks[1]
        var m = BlobMarketSimulator(excess: 10_000_000, fork: prague)
        let start = m.fee
        for _ in 0..<1000 { m.step(blobs: prague.target, baseFeeWei: 1e9) }
        #expect(abs(m.fee / start - 1) < 1e-9)
        let before = m.fee
        m.step(blobs: prague.max, baseFeeWei: 1e9)
        let rise = m.fee / before - 1
        #expect(rise > 0.081 && rise < 0.083, "\(rise)")
        // And an empty block lowers it by about 14.5% (EIP-7691's rationale).
        let high = m.fee
        m.step(blobs: 0, baseFeeWei: 1e9)
        #expect(abs((1 - m.fee / high) - 0.145) < 0.002)
    }

    @Test func reservePriceKeepsTheFeeFromFalling() {
        let osaka = BlobSchedule.mainnet.forks[2], prague = BlobSchedule.mainnet.forks[1]
        var withReserve = BlobMarketSimulator(excess: 20_000_000, fork: osaka)
        var without = BlobMarketSimulator(excess: 20_000_000, fork: prague)
        let start = withReserve.fee
        for _ in 0..<50 {
            // Five blobs a block (under the target of 6) with a 100 gwei execution base fee.
            withReserve.step(blobs: 5, baseFeeWei: 100e9)
            without.step(blobs: 5, baseFeeWei: 100e9)
        }
        #expect(withReserve.fee >= start)
        #expect(without.fee < start)
        // The exact integer rule agrees with the simulator's excess.
        var exact: UInt64 = 20_000_000
        for _ in 0..<50 {
            exact = BlobFeeMarket.excessBlobGas(parentExcess: exact, parentBlobGasUsed: 5 * 131_072, parentBaseFee: 100_000_000_000,
                                                parentUpdateFraction: osaka.updateFraction, fork: osaka)
        }
        #expect(exact == withReserve.excess)
    }

    /// The simulator's fee agrees with the exact integer rules block by block across the EIP-4844 and
    /// EIP-7918 regimes and the zero floor, with demand that crosses the target at random.
    @Test func simulatorFollowsTheExactRulesThroughRandomDemand() {
        let osaka = BlobSchedule.mainnet.forks[2]
        var m = BlobMarketSimulator(excess: 3_000_000, fork: osaka)
        var exact: UInt64 = 3_000_000
        var rng = SeededRandom(seed: 7)
        for block in 0..<5_000 {
            let blobs = rng.nextInt(below: osaka.max + 1)
            // The base fee swings so that the reserve binds in some stretches and cannot in others. (Where the
            // fee sits at the reserve itself, the fast fee and the floored exact one may fall on either side of
            // it: there the excess can differ by a block's reserve share, so this test stays away from it.)
            let baseFee: UInt64 = (block / 200) % 2 == 0 ? 1_000_000_000 : 1
            exact = BlobFeeMarket.excessBlobGas(parentExcess: exact, parentBlobGasUsed: UInt64(blobs) * 131_072, parentBaseFee: UInt128(baseFee),
                                                parentUpdateFraction: osaka.updateFraction, fork: osaka)
            m.step(blobs: blobs, baseFeeWei: Double(baseFee))
            #expect(m.excess == exact, "block \(block)")
            let fee = Double(BlobFeeMarket.baseFeePerBlobGas(excessBlobGas: exact, updateFraction: osaka.updateFraction))
            #expect(abs(m.fee - fee) <= max(2, fee * 1e-8), "block \(block): \(m.fee) vs \(fee)")
        }
    }

    /// The blob fee of a day is its mean and its maximum, not the value at 00:00: a replayed fee of 1 gwei for
    /// 12 hours then 3 gwei gives day 1 a mean of 2 and a max of 3, day 2 a mean and max of 3.
    @Test func dailyBlobFeeIsTheDaysMeanAndMax() throws {
        let s = try scenario("""
            horizon_days: 2
            market:
              blob_base_fee_gwei: {kind: csv, path: blob.csv}
            layers: [{kind: ethereum_blobs}]
            projection: {paths: 1, market_step_minutes: 5}
            """, files: ["blob.csv": "timestamp,gwei\n1700000000,1\n1700043200,3\n"])
        let p = try ProjectionRun().run(scenario: s, profile: Self.profile)
        #expect(p.blobBaseFeeGwei.count == 2)
        #expect(abs(p.blobBaseFeeGwei[0].mean.p50 - 2) < 1e-12 && p.blobBaseFeeGwei[0].max.p50 == 3)
        #expect(abs(p.blobBaseFeeGwei[1].mean.p50 - 3) < 1e-12 && p.blobBaseFeeGwei[1].max.p50 == 3)
    }

    /// On a simulated market that starts at the minimum fee under heavy demand, the day's mean and max are far
    /// above the fee at the first block (what the report showed before).
    @Test func simulatedDailyBlobFeeCoversTheWholeDay() throws {
        var s = try scenario("""
            traffic: {tps: 50}
            projection: {paths: 1, blob_market: {simulate: true, background_blobs_per_block: 20, start_excess_blob_gas: 0}}
            layers: [{kind: ethereum_blobs}]
            """)
        s.horizonDays = 1
        let p = try ProjectionRun().run(scenario: s, profile: Self.profile)
        let day = try #require(p.blobBaseFeeGwei.first)
        #expect(day.mean.p50 > 1e-3, "\(day)")   // the first block pays 1 wei = 1e-9 gwei
        #expect(day.max.p50 >= day.mean.p50)
    }

    /// Channels post in the L1 block where they fill, not all at their market step's start. At 100 TPS (BPO2)
    /// and 1,000 TPS (a dated fork with target 32, max 48, so the rollup fits below target) on a constant
    /// 1 gwei market with the blob market simulated and no other demand, the blob spend at the default
    /// 5-minute step is within 1% of the one-block step and of an exact per-block reference: EIP-4844's
    /// integer `fake_exponential` and the EIP-7918 excess rule, each channel posted in the block it fills.
    @Test(arguments: [100.0, 1_000.0])
    func postingAtBlockResolution(tps: Double) throws {
        let fork = tps > 500 ? "blob_schedule: {extra_forks: [{name: wide, date: 2026-11-20, target: 32, max: 48, update_fraction: 31000000}]}\n" : ""
        let yaml = fork + """
            start: 2026-12-01
            traffic: {tps: \(tps)}
            market: {l1_base_fee_gwei: 1, l1_priority_fee_gwei: 0, eth_usd: 1}
            codecs: [brotli-10]
            batcher: {codec: brotli-10, da: blobs}
            layers: [{kind: ethereum_blobs}]
            projection: {paths: 1, blob_market: {simulate: true, background_blobs_per_block: 0, background_noise_sd: 0}}
            """
        var s = try scenario(yaml)
        s.horizonDays = 1
        func blobSpend(stepMinutes: Double) throws -> Double {
            var t = s
            t.projection.marketStepMinutes = stepMinutes
            let layer = try #require(try ProjectionRun().run(scenario: t, profile: Self.profile).layers.first)
            return try #require(layer.componentsUSD["blob_gas"]).mean // ETH at $1
        }
        let step5 = try blobSpend(stepMinutes: 5), step1 = try blobSpend(stepMinutes: 0.2)

        // The exact reference.
        let blobFork = try #require(BlobSchedule(forks: s.blobSchedule).fork(at: s.startTimestamp))
        let curve = try #require(RatioCurve(profile: Self.profile, codec: .brotli(10)))
        let layer = EthereumBlobs(encoding: s.batcher.blobEncoding, targetBlobsPerTx: 6)
        let batch = curve.uncompressedSize(forCompressed: Double(layer.maxSubmissionBytes))
        let blobsPerChannel = try #require(layer.pack(curve.payload(forBatch: batch)).units["blobs"])
        let rate = tps * Double(Self.profile.trace.bytes) / Double(Self.profile.trace.transactions)
        let blocks = 7_200
        var arrivals = [Int](repeating: 0, count: blocks)
        var n = 1.0
        while n * batch / rate < Double(blocks * 12) { arrivals[Int(n * batch / rate / 12)] += blobsPerChannel; n += 1 }
        let baseFee: UInt128 = 1_000_000_000
        var excess = BlobMarketSimulator.excess(forFee: Double(BlobFeeMarket.reserveBlobBaseFee(executionBaseFee: baseFee)),
                                                updateFraction: blobFork.updateFraction)
        var queued = 0, spentWei = 0.0
        for b in 0..<blocks {
            queued += arrivals[b]
            let included = min(queued, blobFork.max)
            queued -= included
            let fee = BlobFeeMarket.baseFeePerBlobGas(excessBlobGas: excess, updateFraction: blobFork.updateFraction)
            spentWei += Double(included) * Double(BlobFeeMarket.gasPerBlob) * Double(fee)
            excess = BlobFeeMarket.excessBlobGas(parentExcess: excess, parentBlobGasUsed: UInt64(included) * BlobFeeMarket.gasPerBlob,
                                                 parentBaseFee: baseFee, parentUpdateFraction: blobFork.updateFraction, fork: blobFork)
        }
        let reference = spentWei / 1e18
        #expect(abs(step5 / step1 - 1) < 0.01, "5-minute step \(step5) ETH vs one-block step \(step1) ETH")
        #expect(abs(step5 / reference - 1) < 0.01, "5-minute step \(step5) ETH vs exact reference \(reference) ETH")
    }

    @Test func backgroundDemandRoundsToWholeBlobsWithinTheBlock() {
        #expect(BackgroundDemand.wholeBlobs(-3, max: 21) == 0)
        #expect(BackgroundDemand.wholeBlobs(0.49, max: 21) == 0)
        #expect(BackgroundDemand.wholeBlobs(0.51, max: 21) == 1)
        #expect(BackgroundDemand.wholeBlobs(12.4, max: 21) == 12)
        #expect(BackgroundDemand.wholeBlobs(12.6, max: 21) == 13)
        #expect(BackgroundDemand.wholeBlobs(30, max: 21) == 21)
        #expect(BackgroundDemand.wholeBlobs(.infinity, max: 21) == 21)
    }

    /// Layers whose inputs are all deterministic are run once and shared; on any path, that shared outcome
    /// is what running the layer on the path's own market gives.
    @Test func deterministicLayersAreSharedAndEqualEachPathsOwnRun() throws {
        var s = try ScenarioReader.load(path: "fixtures/scenarios/stress-1000tps.yaml").0
        let curve = try #require(RatioCurve(profile: Self.profile, codec: s.batcher.codec))
        // A mean-reverting base fee: the alt-DA layers' L1 commitments make every layer depend on the path.
        let withCommitments = PathSimulator(scenario: s, profile: Self.profile, curve: curve)
        #expect(withCommitments.layers.indices.filter { withCommitments.isPathIndependent($0) }.isEmpty)
        // Without them, Celestia, EigenDA (constant price and ETH) and Avail do not.
        for i in s.layers.indices where AltDACommitment.standard(for: s.layers[i].kind) != nil { s.layers[i].l1CommitmentGas = 0 }
        let sim = PathSimulator(scenario: s, profile: Self.profile, curve: curve)
        let independent = sim.layers.indices.filter { sim.isPathIndependent($0) }.map { sim.layers[$0].name }
        #expect(independent == ["celestia", "eigenda", "avail"])
        for path in [0, 7] {
            let m = sim.sampleMarket(path: path), p = sim.stepPrices(m)
            let outcome = sim.run(path: path)
            for (i, layer) in sim.layers.enumerated() where !(layer is EthereumBlobs) {
                let own = sim.runLayer(i, m, p)
                #expect(outcome.layers[i].dailyUSD == own.dailyUSD, "\(layer.name), path \(path)")
                #expect(outcome.layers[i].components == own.components, "\(layer.name), path \(path)")
                #expect(outcome.layers[i].submissions == own.submissions)
            }
        }
    }

    @Test func blobQueueServesOldestFirstAndTimesTheWait() {
        var q = BlobQueue(capacity: 4)
        defer { q.deallocate() }
        q.push(3, at: 0)
        q.push(0, at: 1) // nothing posted: no entry
        q.push(5, at: 2)
        #expect(q.queued == 8 && q.oldestWait(at: 3) == 36)
        // The oldest blob taken arrived at block 0 and leaves in block 3: four blocks of 12 s.
        #expect(q.take(2, at: 3) == 48 && q.queued == 6)
        // One blob of block 0 is left: it goes first, then three of block 2's.
        #expect(q.take(4, at: 4) == 60 && q.queued == 2)
        #expect(q.oldestWait(at: 6) == 48)
        // Taking nothing (the block loop does so without a branch) changes nothing and waited nothing.
        #expect(q.takeBlocks(0, at: 6) == 0 && q.queued == 2 && q.oldestWait(at: 6) == 48)
        q.clear()
        #expect(q.queued == 0 && q.oldestWait(at: 7) == 0)
        // Also on an empty queue, whose head slot is the ring's spare.
        #expect(q.takeBlocks(0, at: 8) == 0 && q.queued == 0)
    }

    /// Alt-DA layers under a random L1 fee are run once without their commitments and each path adds its own:
    /// the same spend, components and loss timing as running the layer on the path's own market.
    @Test func splitCommitmentsEqualEachPathsOwnRun() throws {
        let s = try ScenarioReader.load(path: "fixtures/scenarios/stress-1000tps.yaml").0
        let curve = try #require(RatioCurve(profile: Self.profile, codec: s.batcher.codec))
        let sim = PathSimulator(scenario: s, profile: Self.profile, curve: curve)
        #expect(Set(sim.splitLayers.keys.map { sim.layers[$0].name }) == ["celestia", "eigenda", "avail"])
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) } }
        for path in [0, 7] {
            let m = sim.sampleMarket(path: path), p = sim.stepPrices(m)
            let outcome = sim.run(path: path)
            for i in sim.splitLayers.keys.sorted() {
                let own = sim.runLayer(i, m, p), shared = outcome.layers[i]
                #expect(close(shared.dailyUSD, own.dailyUSD) && close(shared.dailyNative, own.dailyNative), "\(sim.layers[i].name), path \(path)")
                #expect(close(shared.components, own.components), "\(sim.layers[i].name)")
                #expect(shared.submissions == own.submissions && shared.lossStarted == own.lossStarted)
                #expect(shared.lossSeconds == own.lossSeconds, "\(sim.layers[i].name): \(String(describing: shared.lossSeconds)) vs \(String(describing: own.lossSeconds))")
            }
        }
    }

    /// A step's blobs join one entry (latency from its first arrival); a queue that drains and refills within
    /// steps restarts at the ring's start, so one entry per step is all the ring ever needs.
    @Test func blobQueueHoldsOneEntryPerStep() {
        var q = BlobQueue(capacity: 2)
        defer { q.deallocate() }
        for step in 0..<1_000 {
            let first = step * 25
            q.push(4, at: first + 1, mergingFrom: first)
            _ = q.take(4, at: first + 1)            // drained within the step…
            q.push(6, at: first + 7, mergingFrom: first)
            q.push(6, at: first + 9, mergingFrom: first) // …refilled: both join one entry
            #expect(q.queued == 12 && q.oldestWait(at: first + 9) == 24)
            #expect(q.take(12, at: first + 10) == 48)
        }
        // Not drained: one entry per step, oldest first.
        q.push(3, at: 30_000, mergingFrom: 30_000)
        q.push(3, at: 30_030, mergingFrom: 30_025)
        #expect(q.queued == 6 && q.take(4, at: 30_040) == Double(30_040 - 30_000 + 1) * 12)
        #expect(q.oldestWait(at: 30_040) == 10 * 12)
    }

    @Test func bpoForksTakeEffectAtTheirTimestamps() {
        let forks = BlobSchedule.mainnet.forks
        let osaka = forks[2], bpo1 = forks[3]
        // A horizon that starts 120 s before BPO1: the switch is at block 10.
        #expect(PathSimulator.firstBlock(at: bpo1, start: bpo1.timestamp - 120) == 10)
        #expect(PathSimulator.firstBlock(at: bpo1, start: bpo1.timestamp - 121) == 11)
        var m = BlobMarketSimulator(excess: 30_000_000, fork: osaka)
        var fees = [Double]()
        for block in 0..<20 {
            if block == 10 { m.setFork(bpo1) }
            fees.append(m.fee)
            m.step(blobs: 8, baseFeeWei: 1) // 8 blobs: above Osaka's target 6, below BPO1's 10
        }
        #expect((1..<10).allSatisfy { fees[$0] > fees[$0 - 1] })
        #expect((12..<20).allSatisfy { fees[$0] < fees[$0 - 1] })
    }

    /// The fast exponential against the exact `fake_exponential` over every fee from 1 wei to 10^15 wei
    /// (a million gwei per blob gas), for each mainnet update fraction: within 2 wei (the exact form floors
    /// each Taylor term) or 1e-8 relative, and within 1e-8 relative above 1 gwei.
    @Test func fastExponentialStaysWithinItsBound() {
        var worst = 0.0
        for fork in BlobSchedule.mainnet.forks {
            let F = fork.updateFraction
            let top = UInt64(Foundation.log(1e15) * Double(F))
            var excess: UInt64 = 0
            while excess <= top {
                let exact = Double(BlobFeeMarket.baseFeePerBlobGas(excessBlobGas: excess, updateFraction: F))
                let fast = BlobMarketSimulator.fastFee(excess: excess, updateFraction: F)
                let error = abs(fast - exact) / max(exact, 1)
                // fake_exponential floors each Taylor term: off by at most a few wei, or a few parts per billion.
                #expect(abs(fast - exact) <= 2 || error < 1e-8, "excess \(excess): fast \(fast) exact \(exact)")
                worst = max(worst, exact > 1e9 ? error : 0)
                excess += top / 997 + 1
            }
        }
        #expect(worst < 1e-8)
    }

    @Test func sameSeedSameReportWhateverTheJobs() throws {
        var s = try scenario("""
            market:
              l1_base_fee_gwei: {kind: mean_reverting, start: 0.5, mean: 0.5, reversion_per_day: 1, volatility_per_day: 0.5, jumps: {rate_per_day: 0.5, mean_log_size: 1}}
              eth_usd: {kind: gbm, start: 3000, drift_per_year: 0, volatility_per_year: 0.8}
            traffic: {tps: {kind: product, of: [{kind: growth, start: 50, percent_per_month: 10}, {kind: diurnal, amplitude: 0.3, peak_hour: 15}]}}
            projection:
              paths: 40
              seed: 7
              blob_market: {simulate: true, background_blobs_per_block: 13, background_noise_sd: 2}
            """)
        s.horizonDays = 5
        var one = ProjectionRun(); one.jobs = 1
        var two = ProjectionRun(); two.jobs = 2
        let a = try ProjectionReport.build(scenario: s, scenarioFile: "s", profile: Self.profile, run: one)
        let b = try ProjectionReport.build(scenario: s, scenarioFile: "s", profile: Self.profile, run: two)
        #expect(try JSONOutput.encode(a) == JSONOutput.encode(b))
        #expect(ProjectionRenderer.markdown(a) == ProjectionRenderer.markdown(b))
        let blobs = try #require(a.projection.layers.first { $0.layer == "ethereum-blobs" })
        #expect(blobs.totalUSD.p5 < blobs.totalUSD.p95)
        s.projection.seed = 8
        let c = try ProjectionReport.build(scenario: s, scenarioFile: "s", profile: Self.profile, run: one)
        #expect(try JSONOutput.encode(a) != JSONOutput.encode(c))
    }

    /// At 1,000 TPS the rollup needs more blobs than BPO2 allows: the backlog grows without bound.
    @Test func thousandTPSOverflowsTheBlobMarket() throws {
        var s = try scenario("""
            traffic: {tps: 1000}
            projection: {paths: 2, blob_market: {simulate: true, background_blobs_per_block: 0}}
            """)
        s.horizonDays = 3
        let p = try ProjectionRun().run(scenario: s, profile: Self.profile)
        let blobs = try #require(p.layers.first { $0.layer == "ethereum-blobs" })
        #expect(blobs.backlogGrowsFromDay == 0)
        #expect(blobs.maxBacklogBlobs > 100_000)
        #expect(blobs.ownDemandBlocks.mean > 1000)
    }

    /// Curves that explode over the horizon are bounded, never a crash or an infinite cost.
    @Test func explodingCurvesStayFinite() throws {
        var s = try scenario("""
            traffic: {tps: {kind: growth, start: 10, percent_per_month: 1000}}
            market:
              eth_usd: {kind: gbm, start: 3000, drift_per_year: 10, volatility_per_year: 20}
              l1_base_fee_gwei: {kind: gbm, start: 1, drift_per_year: 10, volatility_per_year: 20}
            projection: {paths: 3, blob_market: {simulate: true, background_blobs_per_block: {kind: growth, start: 1, percent_per_month: 1000}}}
            """)
        s.horizonDays = 400
        let p = try ProjectionRun().run(scenario: s, profile: Self.profile)
        for l in p.layers { #expect(l.totalUSD.p95.isFinite, "\(l.layer)") }
    }

    @Test func badCurvesAndProjectionSettings() {
        #expect(error("market: {eth_usd: {kind: lognormal, start: 1}}\n").contains("market.eth_usd.kind: expected one of constant, piecewise, csv"))
        #expect(error("market: {eth_usd: {kind: gbm, start: 3000, drift_per_year: 0, volatility_per_year: -0.5}}\n")
            .contains("market.eth_usd.volatility_per_year: expected a number ≥ 0 and ≤ 20, got -0.5"))
        #expect(error("horizon_days: 0\n").contains("horizon_days: expected a whole number from 1 to 3660, got 0"))
        #expect(error("projection: {paths: 10000001}\n").contains("projection.paths: expected a whole number from 1 to 10000000"))
        let gap = error("market: {l1_base_fee_gwei: {kind: csv, path: fees.csv, column: base_fee_gwei}}\n",
                        files: ["fees.csv": "block,base_fee_gwei\n100,1\n101,2\n103,2\n"])
        #expect(gap.contains("fees.csv: line 4: expected consecutive block numbers (a gap after block 101)"), "\(gap)")
        let badRow = error("market: {l1_base_fee_gwei: {kind: csv, path: fees.csv}}\n", files: ["fees.csv": "timestamp,fee\n1,1\n2,cheap\n"])
        #expect(badRow.contains("fees.csv: line 3: expected a number ≥ 0 and ≤ 1000000 in column fee"), "\(badRow)")
        let unsorted = error("market: {l1_base_fee_gwei: {kind: csv, path: fees.csv}}\n", files: ["fees.csv": "timestamp,fee\n5,1\n3,2\n"])
        #expect(unsorted.contains("line 3: expected rows sorted by timestamp"))
        let dup = error("market: {l1_base_fee_gwei: {kind: csv, path: fees.csv}}\n", files: ["fees.csv": "timestamp,fee\n5,1\n5,2\n"])
        #expect(dup.contains("line 3: expected each timestamp once"))
        #expect(error("projection: {spikes: [{input: gas, start: 2026-12-02, hours: 1, multiplier: 2}]}\n").contains("projection.spikes[0].input"))
    }
}
