import Foundation
import Testing
@testable import DACost

/// Issue 19's classes of hostile input, each refused with a clear error naming the file and the key or
/// line, in bounded time and memory. Each test failed before its fix (a crash, a hang, or exit 0).
@Suite struct HostileInputTests {
    func scenarioError(_ text: String, name: String = "s.yaml") -> String {
        do {
            let dir = try VectorFile.temporaryDirectory()
            try AtomicFile.write(text, to: dir + "/" + name)
            _ = try ScenarioReader.load(path: dir + "/" + name)
            return "no error"
        } catch { return "\(error)" }
    }

    // MARK: 1. YAML structure attacks

    /// 5,000 nested `[` overflowed libyaml's recursion (a segfault); block style at 3,000 levels too.
    @Test func deepNestingIsRefusedBeforeParsing() {
        let flow = "traffic: {tps: " + String(repeating: "[", count: 5_000) + "1" + String(repeating: "]", count: 5_000) + "}\n"
        let e = scenarioError(flow)
        #expect(e.contains("s.yaml") && e.contains("line 1") && e.contains("nesting deeper than 64 levels"), "\(e)")
        var block = "name: deep\n"
        for level in 0..<300 { block += String(repeating: " ", count: level) + "k\(level):\n" }
        let b = scenarioError(block)
        #expect(b.contains("nesting deeper than 64 levels"), "\(b)")
        let dashes = "codecs:\n" + String(repeating: "- ", count: 200) + "zstd-3\n"
        #expect(scenarioError(dashes).contains("nesting deeper than 64 levels"))
    }

    /// The 342-byte, 10-level "billion laughs" ran for minutes, growing ~9× in memory per level.
    @Test func aliasBombIsRefusedBeforeExpanding() {
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for i in 1..<10 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let started = Date()
        let e = scenarioError(text)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(e.contains("s.yaml") && e.contains("more than 32 aliases"), "\(e)")
    }

    /// Legitimate YAML still reads: comments, quotes with brackets, block scalars, a few aliases.
    @Test func ordinaryYAMLStillReads() throws {
        let text = """
        name: "a [name] with {brackets} # and a hash"
        traffic: &t {tps: 50}   # a comment with [ brackets
        codecs: [zstd-3, 'brotli-10']
        """
        let e = scenarioError(text + "\n")
        #expect(e == "no error", "\(e)")
    }

    // MARK: 2. Numbers the model cannot carry

    @Test func pricesBeyondTheirDocumentedRangeAreRefused() {
        for (yaml, key) in [("market: {l1_base_fee_gwei: 1e23}", "market.l1_base_fee_gwei"),
                            ("market: {l1_priority_fee_gwei: 1e23}", "market.l1_priority_fee_gwei"),
                            ("market: {blob_base_fee_gwei: 1e29}", "market.blob_base_fee_gwei"),
                            ("market: {eth_usd: 1e308}", "market.eth_usd"),
                            ("market: {l1_base_fee_gwei: {kind: constant, value: 1e23}}", "market.l1_base_fee_gwei")] {
            let e = scenarioError(yaml + "\n")
            #expect(e.contains("s.yaml") && e.contains(key) && e.contains("≤"), "\(yaml): \(e)")
        }
        // The ceilings are far above any market: a 10,000-gwei day still reads.
        #expect(scenarioError("market: {l1_base_fee_gwei: 10000, blob_base_fee_gwei: 1000000}\n") == "no error")
    }

    @Test func weiConversionSaturatesInsteadOfTrapping() {
        #expect(Units.wei(gwei: 1e300) == UInt128(1e36))
        #expect(Units.wei(gwei: 2.5) == 2_500_000_000)
    }

    // MARK: 4. Silent misreads

    @Test func impossibleDatesAreRefused() {
        let e = scenarioError("start: 2026-13-45\n")
        #expect(e.contains("start") && e.contains("YYYY-MM-DD"), "\(e)")
        #expect(scenarioError("start: \"2026-02-30\"\n").contains("start"))
        #expect(CalendarDay("2026-1-05") == nil)
        #expect(CalendarDay("2024-02-29") != nil)
    }

    @Test func languageTagsAreRefused() {
        let e = scenarioError("name: !!python/object:os.system echo\n")
        #expect(e.contains("line 1") && e.contains("!!python/object:os.system"), "\(e)")
        #expect(scenarioError("name: !!str plain\n") == "no error")
    }

    @Test func jsonScenariosAreStrictWithLineAndColumn() {
        let trailing = scenarioError("{\"name\": \"x\",\n \"traffic\": {\"tps\": 5,}\n}", name: "s.json")
        #expect(trailing.contains("s.json") && trailing.contains("line 2, column"), "\(trailing)")
        let twice = scenarioError("{\"name\": \"x\",\n  \"name\": \"y\"}", name: "s.json")
        #expect(twice.contains("line 2, column 3") && twice.contains("\"name\" appears twice"), "\(twice)")
    }

    @Test func strictJSONKeepsNumbersAsJSONSerializationDoes() throws {
        let v = try StrictJSON.parse(Array("{\"a\": 3, \"b\": 2.5, \"c\": [true, null, \"x\"]}".utf8)) as? [String: Any]
        #expect(v?["a"] as? Int == 3)
        #expect(v?["b"] as? Double == 2.5)
        #expect((v?["c"] as? [Any])?.count == 3)
    }

    @Test func aTransactionObjectWithAMemberTwiceIsRefused() throws {
        let path = try VectorFile.temporaryDirectory() + "/t.jsonl"
        try AtomicFile.write("{\"raw\": \"0x01\", \"raw\": \"0x02\"}\n", to: path)
        let e: String
        do { let r = try TraceReader(path: path); while try r.next() != nil {}; e = "no error" } catch { e = "\(error)" }
        #expect(e.contains("t.jsonl:1:") && e.contains("\"raw\" twice"), "\(e)")
    }

    // MARK: 4, 5, 9. CSV curves

    func csvError(_ bytes: [UInt8]) throws -> String {
        let dir = try VectorFile.temporaryDirectory()
        #expect(FileManager.default.createFile(atPath: dir + "/h.csv", contents: Data(bytes)))
        do { _ = try CSVSeries.read(path: dir + "/h.csv", column: nil, scale: 1, min: 0, keyPath: "market.l1_base_fee_gwei"); return "no error" }
        catch { return "\(error)" }
    }

    @Test func crlfHistoriesRead() throws {
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write("time,fee\r\n0,1.5\r\n3600,2.5\r\n", to: dir + "/h.csv")
        let v = try CSVSeries.read(path: dir + "/h.csv", column: nil, scale: 1, min: 0, keyPath: "market.l1_base_fee_gwei")
        #expect(v.map(\.value) == [1.5, 2.5])
        #expect(v.map(\.offset) == [0, 3600])
    }

    @Test func aNulInsideACellIsRefused() throws {
        let e = try csvError(Array("time,fee\n0,9".utf8) + [0] + Array("9\n".utf8))
        #expect(e.contains("h.csv") && e.contains("line 2") && e.contains("0x00"), "\(e)")
    }

    @Test func aCSVThatIsNotUTF8SaysSo() throws {
        let e = try csvError(Array("time,fee\n0,".utf8) + [0xff, 0xfe] + Array("\n".utf8))
        #expect(e.contains("not UTF-8") && !e.contains("no such"), "\(e)")
    }

    @Test func aHistoryValueBeyondItsRangeIsRefused() throws {
        let e = try csvError(Array("time,fee\n0,1e23\n".utf8))
        #expect(e.contains("line 2") && e.contains("≤ 1000000"), "\(e)")
    }

    @Test func aBadCSVHeaderIsNotPrintedWhole() throws {
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write("time," + String(repeating: "x", count: 10_000) + "\n0,1\n", to: dir + "/h.csv")
        do {
            _ = try CSVSeries.read(path: dir + "/h.csv", column: "fee", scale: 1, min: 0, keyPath: "k")
            Issue.record("expected an error")
        } catch { #expect("\(error)".count < 400) }
    }

    // MARK: 6. Resource bombs

    /// A 1 MB .gz holding one 1 GiB line reached 1.5 GB before failing.
    @Test func aGzipLineBombFailsFastWithBoundedMemory() throws {
        let dir = try VectorFile.temporaryDirectory()
        let path = dir + "/bomb.hex.gz"
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "head -c 200000000 /dev/zero | tr '\\\\0' 'a' | gzip -1 > '\(path)'"]
        try gzip.run(); gzip.waitUntilExit()
        let started = Date()
        let e: String
        do { let r = try TraceReader(path: path); while try r.next() != nil {}; e = "no error" } catch { e = "\(error)" }
        #expect(e.contains("bomb.hex.gz:1:") && e.contains("longer than 64 MiB"), "\(e)")
        #expect(Date().timeIntervalSince(started) < 20)
    }
}

extension HostileInputTests {
    /// A quote inside a plain value (`5" screen`) opens no quoted scalar: the structure after it still counts.
    @Test func aQuoteInsideAPlainValueOpensNothing() {
        let text = "name: a 5\" screen\ntraffic: {tps: " + String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100) + "}\n"
        #expect(scenarioError(text).contains("nesting deeper than 64 levels"))
    }
}

// MARK: 8. Killed writes

extension HostileInputTests {
    /// The pid of a process that has exited (so no run of dacost holds it).
    func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run(); p.waitUntilExit()
        return p.processIdentifier
    }

    @Test func aReportSetIsWrittenAsOneUnit() throws {
        let dir = try VectorFile.temporaryDirectory() + "/out"
        _ = try ReportWriter.write([("a.md", Array("run 1".utf8)), ("b.json", Array("run 1".utf8))], to: dir)
        try AtomicFile.write("mine", to: dir + "/notes.txt")
        _ = try ReportWriter.write([("a.md", Array("run 2".utf8)), ("b.json", Array("run 2".utf8))], to: dir)
        #expect(try String(contentsOfFile: dir + "/a.md", encoding: .utf8) == "run 2")
        #expect(try String(contentsOfFile: dir + "/b.json", encoding: .utf8) == "run 2")
        #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "mine") // other files stay
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.md", "b.json", "notes.txt"])
    }

    /// A run killed after its commit point (one file moved, one not) is finished by the next reader;
    /// one killed before it leaves the old set, and its staging folder is removed.
    @Test func aKilledRunIsFinishedOrDropped() throws {
        let dir = try VectorFile.temporaryDirectory() + "/out"
        _ = try ReportWriter.write([("a.md", Array("old".utf8)), ("b.json", Array("old".utf8))], to: dir)
        let pid = try deadPID()
        // Killed while renaming: a.md already moved, b.json still staged, the list written.
        let committed = dir + "/.dacost-staging-\(pid)-1"
        try FileManager.default.createDirectory(atPath: committed, withIntermediateDirectories: true)
        try AtomicFile.write("new", to: dir + "/a.md")
        try AtomicFile.write("new", to: committed + "/b.json")
        try AtomicFile.write("a.md\nb.json", to: committed + "/COMPLETE")
        ReportWriter.recover(in: dir)
        #expect(try String(contentsOfFile: dir + "/b.json", encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: committed))
        // Killed while writing: no list; the set in place stays whole.
        let uncommitted = dir + "/.dacost-staging-\(pid)-2"
        try FileManager.default.createDirectory(atPath: uncommitted, withIntermediateDirectories: true)
        try AtomicFile.write("half", to: uncommitted + "/a.md")
        ReportWriter.recover(in: dir)
        #expect(try String(contentsOfFile: dir + "/a.md", encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: uncommitted))
        // A live run's staging folder is not touched.
        let live = dir + "/.dacost-staging-\(getpid())-3"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        ReportWriter.recover(in: dir)
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test func temporariesOfDeadRunsAreCleaned() throws {
        let dir = try VectorFile.temporaryDirectory()
        let stale = dir + "/p.json.tmp-\(try deadPID())-12345"
        let live = dir + "/p.json.tmp-\(getpid())-99"
        try AtomicFile.write("stale", to: stale)
        #expect(FileManager.default.createFile(atPath: live, contents: Data()))
        try AtomicFile.write("{}", to: dir + "/p.json")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}

extension HostileInputTests {
    /// Found by the scenario fuzz target: a list used as a mapping key crashed Yams's constructor (a
    /// force-unwrap); a key given twice kept the last silently.
    @Test func complexAndRepeatedKeysAreRefused() throws {
        let crash = try String(contentsOfFile: VectorFile.fixtures + "/../Fuzz/regressions/scenario/complex-key.yaml", encoding: .utf8)
        #expect(scenarioError(crash).contains("a mapping key must be plain text"), "\(scenarioError(crash))")
        let twice = scenarioError("name: a\ntraffic: {tps: 5}\nname: b\n")
        #expect(twice.contains("line 3") && twice.contains("\"name\" appears twice"), "\(twice)")
        #expect(scenarioError("base: &b {tps: 5}\ntraffic: {<<: *b}\n").contains("merge keys"))
    }
}

extension HostileInputTests {
    /// YAML 1.1 base-60 integers: Yams multiplied them with trapping arithmetic, so a long one crashed the
    /// reader (found by the scenario fuzzer); now one too wide for Int is text, refused by its key, and a
    /// short one still reads (1:30 is 90).
    @Test func aBase60IntegerTooWideIsRefusedNotACrash() throws {
        let e = scenarioError("traffic: {tps: 6:19:56:19:5:19:56:36:19:56:36:38:5}\n")
        #expect(e.contains("traffic.tps") && e.contains("6:19:56"), "\(e)")
        #expect(YAMLNodeValues.sexagesimal("-1_0:30") == -630 && YAMLNodeValues.sexagesimal("6:19:56:19:5:19:56:36:19:56:36:38:5") == nil)
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write("traffic: {tps: 1:30}\n", to: dir + "/s.yaml")
        #expect(try ScenarioReader.load(path: dir + "/s.yaml").0.traffic.tps == 90)
    }
}

extension HostileInputTests {
    /// Every input a fuzz target ever crashed on (Fuzz/regressions/TARGET) is now refused with an error.
    @Test func everyFuzzRegressionInputIsRefusedCleanly() throws {
        let dir = VectorFile.fixtures + "/../Fuzz/regressions/scenario"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let text = String(decoding: FileManager.default.contents(atPath: dir + "/" + name) ?? Data(), as: UTF8.self)
            #expect(scenarioError(text) != "no error", "\(name)")
        }
    }
}

extension HostileInputTests {
    /// zstd packs a 128 KiB block of one byte into 4: a small file holding a 96 MiB line fails on the
    /// line limit after reading a few KiB of input at a time, not after decompressing it all.
    @Test func aZstdLineBombFailsFast() throws {
        let c = try CodecID(parsing: "zstd-19").makeCompressor()
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 96 << 20)
        let packed = ByteBuffer()
        try line.withUnsafeBytes { try c.compress($0, into: packed) }
        let path = try VectorFile.temporaryDirectory() + "/bomb.hex.zst"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(packed.bytes)))
        let e: String
        do { let r = try TraceReader(path: path); while try r.next() != nil {}; e = "no error" } catch { e = "\(error)" }
        #expect(e.contains("bomb.hex.zst:1:") && e.contains("longer than 64 MiB"), "\(e)")
    }
}

extension HostileInputTests {
    /// Files read whole are refused above their limit before being read, and a pipe (no size) is read to
    /// its end: `--scenario <(generate)` keeps working.
    @Test func filesReadWholeHaveLimitsAndPipesStillRead() throws {
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write(String(repeating: "x", count: 2000), to: dir + "/big")
        #expect(FileBytes.read(dir + "/big", limit: 1000) == .failure(.tooLarge(size: 2000, limit: 1000)))
        #expect(FileBytes.read(dir + "/none", limit: 1000) == .failure(.missing))
        #expect(FileBytes.read(dir, limit: 1000) == .failure(.unreadable("it is a folder")))
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        let writer = Thread { if let h = FileHandle(forWritingAtPath: dir + "/pipe") { h.write(Data("name: piped\n".utf8)); try? h.close() } }
        writer.start()
        #expect(FileBytes.read(dir + "/pipe", limit: 1000) == .success(Array("name: piped\n".utf8)))
    }
}
