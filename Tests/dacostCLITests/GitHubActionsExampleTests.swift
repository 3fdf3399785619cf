import Foundation
import Testing

/// Runs the `dacost` commands of the README's GitHub Actions example, in order, in a fresh folder
/// laid out as the example expects, so the documented job cannot rot.
@Suite struct GitHubActionsExampleTests {
    @Test func readmeWorkflowCommandsRun() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "<!-- gha:begin -->").last?.components(separatedBy: "<!-- gha:end -->").first)
        #expect(block.contains("runs-on:") && block.contains("customSmallerIsBetter"))
        var commands = [String]()
        for raw in block.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            for prefix in ["#", "run:"] where line.hasPrefix(prefix) { line = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("dacost ") { commands.append(String(line.dropFirst("dacost ".count))) }
        }
        #expect(commands.count == 4)
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/ci", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.fixtures + "/traces/l1-mainnet-portal-6-blocks.hex", toPath: dir + "/ci/trace.hex")
        try CLI.write("traffic: {tps: 25}\nbatcher: {codec: zstd-3}\ncodecs: [zstd-3, brotli-10]\n", dir + "/ci/scenario.yaml")
        let env = ["DACOST_CACHE": dir + "/cache", "GITHUB_STEP_SUMMARY": dir + "/summary.md"]
        for command in commands {
            let args = try shellWords(command)
            let r = try CLI.run(args, cwd: dir, env: env)
            #expect(r.status == 0, "dacost \(command)\n\(r.stdout)\(r.stderr)")
        }
        for f in ["dacost-compression.xml", "dacost-compression.json", "dacost-compression.md", "dacost-cost.xml", "dacost-cost.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/\(f)"), "\(f)")
        }
        #expect(try String(contentsOfFile: dir + "/summary.md", encoding: .utf8).components(separatedBy: "## dacost check").count == 3)
    }

    /// Splits a command line on spaces (the example uses no quoting).
    func shellWords(_ s: String) throws -> [String] {
        #expect(!s.contains("\"") && !s.contains("'"))
        return s.split(separator: " ").map(String.init)
    }
}
