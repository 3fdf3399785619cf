import Foundation
import Testing
@testable import DACost

/// The cost/security trade-off (issue 17, part 4): sourced defaults, the scenario's own values, and the
/// frontier of layers no other beats on both stake and cost.
@Suite struct CostSecurityTests {
    /// Retention from the specs: 4,096 epochs of 32 × 12 s = 18.2 days of blobs; EigenDA's 100,800 blocks
    /// of 12 s = 14 days; calldata permanent. Ethereum's stake is the dated ETH figure at the scenario's price.
    @Test func defaultsCarryTheirSources() {
        #expect(abs(LayerSecurity.blobRetentionDays - 18.204444) < 1e-6)
        #expect(LayerSecurity.eigenDARetentionDays == 14)
        let blobs = LayerSecurity.of(LayerSpec(kind: .ethereumBlobs, name: "b"), ethUSD: 3000)
        #expect(blobs.stakeUSD == 32_076_797 * 3000 && blobs.stakeBasis.contains("2024-03-28"))
        #expect(LayerSecurity.of(LayerSpec(kind: .ethereumCalldata, name: "c"), ethUSD: 3000).retentionDays == nil)
        // No sourced stake for the alt-DA layers: unknown unless the scenario states it.
        var celestia = LayerSpec(kind: .celestia, name: "celestia")
        #expect(LayerSecurity.of(celestia, ethUSD: 3000).stakeUSD == nil)
        celestia.stakeUSD = 1e8; celestia.retentionDays = 30
        let s = LayerSecurity.of(celestia, ethUSD: 3000)
        #expect(s.stakeUSD == 1e8 && s.stakeBasis == "scenario (stake_usd)" && s.retentionDays == 30)
    }

    /// A hand-made set: A ($10, stake 100), B ($20, stake 1,000), C ($30, stake 500: B has more stake for
    /// less), D ($5, no stake known), E ($1, stake 10^6, infeasible). Frontier: A and B, cheapest first.
    @Test func theFrontierKeepsTheUndominated() {
        let pts: [CostSecurity.Point] = [
            .init(layer: "A", costPer30DaysUSD: 10, stakeUSD: 100, feasible: true),
            .init(layer: "B", costPer30DaysUSD: 20, stakeUSD: 1_000, feasible: true),
            .init(layer: "C", costPer30DaysUSD: 30, stakeUSD: 500, feasible: true),
            .init(layer: "D", costPer30DaysUSD: 5, stakeUSD: nil, feasible: true),
            .init(layer: "E", costPer30DaysUSD: 1, stakeUSD: 1e6, feasible: false),
        ]
        #expect(CostSecurity.frontier(pts) == ["A", "B"])
        // Equal on both: neither dominates the other.
        let tie: [CostSecurity.Point] = [.init(layer: "X", costPer30DaysUSD: 1, stakeUSD: 1, feasible: true),
                                         .init(layer: "Y", costPer30DaysUSD: 1, stakeUSD: 1, feasible: true)]
        #expect(CostSecurity.frontier(tie).count == 2)
    }

    /// The chart's ticks and the backlog's prose read at a glance.
    @Test func amountsReadInShortScale() {
        #expect(NumberFormat.shortScale(96_230_391_000) == "96.2B" && NumberFormat.shortScale(1e6) == "1M" && NumberFormat.shortScale(950) == "950")
        #expect(NumberFormat.bytes(564_017_302_528) == "564 GB" && NumberFormat.bytes(16_100_000_000) == "16.1 GB" && NumberFormat.bytes(12) == "12 B")
    }

    /// The field report's scenario, a few paths: every layer carries its security section; the summary
    /// names the cheapest layer that carries the load, Avail among those that cannot, and each outage.
    @Test func theAltDAScenarioAnswersInOnePage() throws {
        var s = try ScenarioReader.load(path: "fixtures/scenarios/alt-da-1000tps-200gwei.yaml").0
        s.projection.paths = 4
        s.horizonDays = 3
        let d = try ProjectionReport.build(scenario: s, scenarioFile: "alt-da.yaml", profile: ProjectionTests.profile, run: ProjectionRun())
        #expect(d.projection.layers.allSatisfy { $0.security != nil })
        let lines = ProjectionSummary.lines(d.projection)
        #expect(lines.first?.hasPrefix("Cheapest layer that carries the load: **") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Cannot carry the load: avail") })
        #expect(lines.contains { $0.hasPrefix("Outages on celestia") && $0.contains("failover to ethereum_blobs") })
        #expect(lines.contains { $0.hasPrefix("Outages on avail") && $0.contains("waits") })
        #expect(lines.contains { $0.hasPrefix("celestia costs") && $0.contains("Blobstream") })
        let md = ProjectionRenderer.markdown(d)
        #expect(md.contains("## Cost and security") && md.contains("## Outages and failover"))
        let celestia = try #require(d.projection.layers.first { $0.layer == "celestia" })
        #expect(celestia.security?.stakeUSD == 178_000_000)
        #expect(HTMLReport.render(d).contains("id=\"cost-security\""))
    }
}
