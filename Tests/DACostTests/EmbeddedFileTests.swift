import DACost
import Foundation
import Testing

@Suite struct EmbeddedFileTests {
    /// The binary carries the fixtures byte for byte: fails when a fixture changes and
    /// `scripts/embed.py` was not run.
    @Test(arguments: [
        (EmbeddedFile.defaultTrace, "traces/op-mainnet-1766.hex"),
        (EmbeddedFile.defaultProfile, "profiles/op-mainnet-1766.profile.json"),
        (EmbeddedFile.defaultScenario, "scenarios/default.yaml"),
        (EmbeddedFile.opMainnetDaily2023, "op-chains-daily-2023.csv"),
    ])
    func embeddedCopyEqualsTheFixture(file: EmbeddedFile, path: String) throws {
        let fixture = try Data(contentsOf: URL(fileURLWithPath: VectorFile.fixtures + "/" + path))
        #expect(file.size == fixture.count)
        #expect(file.bytes == [UInt8](fixture), "run scripts/embed.py after changing fixtures/\(path)")
    }

    /// Written once into the cache folder and reused while unchanged; rewritten when damaged.
    @Test func materializedTraceIsWrittenOnceAndRepaired() throws {
        let dir = try VectorFile.temporaryDirectory()
        let path = try EmbeddedFile.defaultTrace.materialized(in: dir)
        #expect(path == dir + "/bundled/op-mainnet-1766.hex")
        let first = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(try EmbeddedFile.defaultTrace.materialized(in: dir) == path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == first)
        try Data("0x00\n".utf8).write(to: URL(fileURLWithPath: path))
        _ = try EmbeddedFile.defaultTrace.materialized(in: dir)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == EmbeddedFile.defaultTrace.size)
    }
}
