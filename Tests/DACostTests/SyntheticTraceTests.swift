import Foundation
import Testing
@testable import DACost

@Suite struct SyntheticTraceTests {
    func generate(_ profile: SyntheticProfile, _ n: Int, seed: UInt64) -> [Transaction] {
        var g = SyntheticTrace(profile: profile, seed: seed)
        return (0..<n).map { _ in g.next() }
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() {
        #expect(generate(.opMainnet, 300, seed: 5) == generate(.opMainnet, 300, seed: 5))
        #expect(generate(.opMainnet, 300, seed: 5) != generate(.opMainnet, 300, seed: 6))
    }

    @Test(arguments: SyntheticProfile.allCases)
    func everyTransactionIsWellFormed(_ profile: SyntheticProfile) throws {
        for tx in generate(profile, 2000, seed: 9) {
            #expect(try TransactionDecoder.validate(tx.bytes) == tx.type)
        }
    }

    /// Issue #2: mean bytes per tx within 15% and zlib-9 at 780k within 10% of the real OP trace.
    @Test func opMainnetProfileIsCalibratedOnTheRealTrace() throws {
        let dir = try VectorFile.temporaryDirectory()
        let path = dir + "/synth.hex.zst"
        try TraceWriter.write(to: path) { sink in for tx in generate(.opMainnet, 12_000, seed: 1) { try sink(tx) } }
        var run = CompressionRun(codecs: [.zlib(9)], targets: [.bytes(780 << 10)])
        run.timing = false
        let synth = try #require(try run.run(tracePath: path).results.first)
        let real = try #require(try run.run(tracePath: TraceReaderTests.op).results.first)
        #expect(abs(synth.bytesPerTx / real.bytesPerTx - 1) < 0.15, "\(synth.bytesPerTx) vs \(real.bytesPerTx)")
        #expect(abs(synth.ratio / real.ratio - 1) < 0.10, "\(synth.ratio) vs \(real.ratio)")
    }

    @Test func noncesGrowPerSender() {
        // Legacy and typed bodies carry the nonce; a sender reused by the Zipf law repeats with +1.
        let txs = generate(.transfers, 3000, seed: 2)
        #expect(Set(txs.map(\.bytes)).count == txs.count)
    }
}
