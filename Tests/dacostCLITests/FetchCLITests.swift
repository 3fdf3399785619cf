import DACost
import Foundation
import LoopbackNode
import Testing

@Suite struct FetchCLITests {
    static let first: UInt64 = 7000, count = 1000

    static func chain() throws -> RecordedChain { try RecordedChain.synthetic(from: first, count: count, perBlock: 4) }

    static func args(_ node: LoopbackNode, _ out: String, extra: [String] = []) -> [String] {
        ["fetch", "txs", "--rpc", node.url, "--from", "\(first)", "--to", "\(first + UInt64(count) - 1)", "-o", out,
         "--batch", "10", "--in-flight", "2", "--checkpoint-every", "50", "--retry-delay", "0.01"] + extra
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Starts the binary without waiting for it.
    static func start(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test(arguments: [SIGINT, SIGKILL])
    func interruptedFetchResumesToTheUninterruptedOutput(signal: Int32) throws {
        let chain = try Self.chain()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        let dir = try CLI.temporaryDirectory()
        let clean = dir + "/clean.jsonl.zst", out = dir + "/out.jsonl.zst"
        let r0 = try CLI.run(Self.args(node, clean))
        #expect(r0.status == 0, "\(r0.stderr)")
        #expect(r0.stderr.contains("1000 blocks, 4000 transactions") && r0.stderr.contains("1000 deposits skipped"))

        node.setLatency(0.01) // 100 requests over 2 connections: about half a second
        let p = try Self.start(Self.args(node, out))
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: out + ".checkpoint.json") && Date() < deadline && p.isRunning { usleep(2000) }
        usleep(50_000)
        #expect(p.isRunning, "the fetch finished before it could be interrupted")
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationStatus != 0)
        #expect(!FileManager.default.fileExists(atPath: out), "a partial file under the output name")
        #expect(FileManager.default.fileExists(atPath: out + ".checkpoint.json"))

        node.setLatency(0)
        let r = try CLI.run(Self.args(node, out))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("resumed at block"))
        #expect(Self.bytes(out) == Self.bytes(clean))
        #expect(!FileManager.default.fileExists(atPath: out + ".checkpoint.json"))
        #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
    }

    @Test func unreachableOrFailingNodeExitsThreeAndKeepsTheCheckpoint() throws {
        let node = try LoopbackNode(chain: try Self.chain())
        defer { node.stop() }
        node.setFaults { $0 >= 12 ? .status(503, retryAfter: nil) : nil }
        let dir = try CLI.temporaryDirectory()
        let out = dir + "/t.jsonl"
        let r = try CLI.run(Self.args(node, out, extra: ["--attempts", "2"]))
        #expect(r.status == 3)
        #expect(r.stderr.contains("gave up after 2 attempts; last problem: HTTP 503"))
        #expect(r.stderr.contains("run the same command again to resume"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(FileManager.default.fileExists(atPath: out + ".checkpoint.json"))

        node.stop()
        let refused = try CLI.run(Self.args(node, dir + "/u.jsonl", extra: ["--attempts", "2"]))
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("could not connect"))
        // Even a run that never fetched a block leaves a checkpoint to resume from, and no output.
        #expect(FileManager.default.fileExists(atPath: dir + "/u.jsonl.checkpoint.json"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/u.jsonl"))
    }

    @Test func credentialsNeverAppearInOutput() throws {
        let node = try LoopbackNode(chain: try Self.chain())
        defer { node.stop() }
        node.setFaults { $0 < 1 ? .status(502, retryAfter: nil) : .status(401, retryAfter: nil) }
        let dir = try CLI.temporaryDirectory()
        let url = node.url + "v3/0123456789abcdefSECRETKEY?apikey=QUERYSECRET99"
        let r = try CLI.run(["fetch", "fees", "--rpc", url, "--header", "Authorization: Bearer HEADERSECRET42",
                             "--from", "7000", "--to", "7010", "-o", dir + "/f.csv", "--verbose", "--retry-delay", "0"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("HTTP 401") && r.stderr.contains("<redacted>") && r.stderr.contains("retrying in"))
        for secret in ["SECRETKEY", "QUERYSECRET", "HEADERSECRET", "v3/"] {
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) leaked: \(r.stderr)")
        }
    }

    @Test func badRequestsExitTwoWithoutTouchingTheNetwork() throws {
        let dir = try CLI.temporaryDirectory()
        let cases: [([String], String)] = [
            (["fetch", "txs", "--rpc", "http://127.0.0.1:9/", "--from", "10", "--to", "5", "-o", dir + "/a.jsonl"], "--from 10 is after --to 5"),
            (["fetch", "txs", "--rpc", "ftp://x/key", "--from", "1", "--to", "5", "-o", dir + "/a.jsonl"], "expected an http:// or https:// URL"),
            (["fetch", "txs", "--rpc", "http://127.0.0.1:9/", "--from", "1", "--to", "5", "-o", dir + "/a.hex"], "expected a .jsonl or .jsonl.zst"),
            (["fetch", "fees", "--rpc", "http://127.0.0.1:9/", "--from", "1", "--to", "5", "-o", dir + "/a.txt"], "expected a .csv"),
            (["fetch", "fees", "--rpc", "http://127.0.0.1:9/", "--header", "NoColon", "--from", "1", "--to", "5", "-o", dir + "/a.csv"], "'Name: value'"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func feesFromTheCommandLineFeedAProjection() throws {
        let node = try LoopbackNode(chain: try RecordedChain.synthetic(from: 1, count: 400, perBlock: 0))
        defer { node.stop() }
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["fetch", "fees", "--rpc", node.url, "--from", "1", "--to", "400", "-o", dir + "/fees.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: dir + "/fees.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 401)
        #expect(lines[1] == "1700000002,1,0.001000001,,,")
    }
}
