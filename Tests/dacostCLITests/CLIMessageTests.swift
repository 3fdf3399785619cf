import Foundation
import Testing

/// What a user reads: one error prefix, honest help, and refusals instead of silent guesses.
@Suite struct CLIMessageTests {
    @Test func errorsHaveOnePrefix() throws {
        let r = try CLI.run(["compare", "--jobs", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("dacost: error: --jobs: expected 1…256, got 0"), "\(r.stderr)")
        #expect(!r.stderr.contains("Error: "))
    }

    @Test(arguments: ["compare", "project", "compress", "check"])
    func jobsHelpStatesOneDefault(_ command: String) throws {
        let r = try CLI.run([command, "--help"])
        let help = r.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(help.contains("(default: all cores)"), "\(r.stdout)")
        #expect(!help.contains("(default: all cores). (default:"), "\(r.stdout)")
    }

    @Test func compareHelpNamesEveryReportFile() throws {
        let r = try CLI.run(["compare", "--help"])
        #expect(r.stdout.contains("report.html"))
    }

    /// `synth -o` into a folder that does not exist, or under a name that says no format, is refused.
    @Test func synthRefusesWhatItWouldGuess() throws {
        let dir = try CLI.temporaryDirectory()
        let missing = try CLI.run(["synth", "--txs", "5", "-o", dir + "/no/such/x.hex"])
        #expect(missing.status == 2 && missing.stderr.contains("no folder"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
        let bin = try CLI.run(["synth", "--txs", "5", "-o", dir + "/x.bin"])
        #expect(bin.status == 2 && bin.stderr.contains(".hex, .txt or .jsonl"), "\(bin.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.bin"))
        let ok = try CLI.run(["synth", "--txs", "5", "-o", dir + "/x.jsonl.gz"])
        #expect(ok.status == 0 && ok.stderr.contains("(JSON lines, gzip)"), "\(ok.stderr)")
    }

    /// An empty scenario file is an error, not the default scenario.
    @Test(arguments: ["", "\n\n", "# only a comment\n"])
    func emptyScenarioIsRefused(_ text: String) throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write(text, dir + "/s.yaml")
        let r = try CLI.run(["compare", "--scenario", dir + "/s.yaml", "--out", dir + "/out"])
        #expect(r.status == 2 && r.stderr.contains("the scenario is empty"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }
}
