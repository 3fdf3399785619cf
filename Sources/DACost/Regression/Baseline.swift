import Foundation

/// A baseline written earlier by dacost: a compression profile or a comparison report.
public enum Baseline {
    case profile(CompressionProfile)
    case report(Report)

    /// A baseline is a report.json or a profile: tens of kilobytes.
    public static let maxBytes = 64 << 20

    public static func load(path: String) throws -> Baseline {
        // A report set whose writer was killed while moving it into place is finished first.
        let dir = (path as NSString).deletingLastPathComponent
        ReportWriter.recover(in: dir.isEmpty ? "." : dir)
        let bytes: [UInt8]
        switch FileBytes.read(path, limit: maxBytes) {
        case .success(let b): bytes = b
        case .failure(let f): throw RegressionError.badBaseline(path: path, problem: f.reason(what: "a baseline"))
        }
        let data = Data(bytes)
        let object: Any
        do { object = try StrictJSON.parse(bytes) } catch {
            throw RegressionError.badBaseline(path: path, problem: "not JSON (\(error)): expected a profile (dacost compress -o) or report.json (dacost compare)")
        }
        guard let top = object as? [String: Any] else {
            throw RegressionError.badBaseline(path: path, problem: "expected a JSON object: a profile (dacost compress -o) or report.json (dacost compare)")
        }
        let schema = top["schema"] as? String ?? "(none)"
        do {
            switch schema {
            case CompressionProfile.schemaID:
                let p = try JSONDecoder().decode(CompressionProfile.self, from: data)
                if let problem = BaselineAudit.profileProblem(p) { throw RegressionError.badBaseline(path: path, problem: problem) }
                return .profile(p)
            case Report.schemaID:
                let r = try JSONDecoder().decode(Report.self, from: data)
                if let problem = BaselineAudit.scenarioProblem(r.scenario) { throw RegressionError.badBaseline(path: path, problem: problem) }
                return .report(r)
            default:
                throw RegressionError.badBaseline(path: path, problem: "schema \"\(schema)\" is not one this dacost reads: expected \(CompressionProfile.schemaID) or \(Report.schemaID)")
            }
        } catch let e as RegressionError {
            throw e
        } catch let DecodingError.keyNotFound(key, context) {
            throw RegressionError.badBaseline(path: path, problem: "\(schema) without the field '\((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))'")
        } catch {
            throw RegressionError.badBaseline(path: path, problem: "not a valid \(schema) document: \(error)")
        }
    }

    /// The baseline's JSON, as `--update` writes it.
    public func encoded() throws -> [UInt8] {
        switch self {
        case .profile(let p): return try JSONOutput.encode(p)
        case .report(let r): return try JSONOutput.encode(r)
        }
    }
}

/// Recomputes what a baseline measured and compares.
public struct CheckRun {
    public var tolerances = Tolerances()
    public var speed = false
    public var repeats = 3
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var allowTraceChange = false
    public var codecOptions = CodecOptions()

    public init() {}

    static func resolveTrace(_ path: String) throws -> String {
        if path == "default" || path.hasPrefix("default (bundled") { return try ScenarioReader.defaultTracePath }
        return path
    }

    public func run(baseline: Baseline, baselinePath: String, trace: String?, scenarioPath: String?) throws -> (CheckResult, Baseline) {
        switch baseline {
        case .profile(let base):
            let tracePath = try Self.resolveTrace(trace ?? base.trace.path)
            try checkTrace(tracePath, against: base.trace.sha256, baselinePath: baselinePath)
            var codecs = [CodecID](), targets = [BatchTarget]()
            for r in base.results {
                if !codecs.contains(r.codec) { codecs.append(r.codec) }
                if !targets.contains(r.batch) { targets.append(r.batch) }
            }
            var run = CompressionRun(codecs: codecs, targets: targets)
            guard let encoding = BatchEncoding(name: base.encoding) else {
                throw RegressionError.badBaseline(path: baselinePath, problem: "encoding '\(base.encoding ?? "")' is not one dacost writes (expected op-span-batch:N)")
            }
            run.encoding = encoding
            run.timing = speed
            run.repeats = speed ? repeats : 1
            run.jobs = jobs
            run.codecOptions = codecOptions
            var current = try run.run(tracePath: tracePath)
            current.trace.path = trace ?? base.trace.path
            return (RegressionCheck.compare(baseline: base, current: current, tolerances: tolerances, speed: speed), .profile(current))
        case .report(let base):
            var scenario = base.scenario, file = base.scenarioFile
            if let scenarioPath { (scenario, file) = try ScenarioReader.load(path: scenarioPath) }
            let tracePath = try Self.resolveTrace(trace ?? (scenario.trace == "default" ? base.trace.path : scenario.trace))
            try checkTrace(tracePath, against: base.trace.sha256, baselinePath: baselinePath)
            var provider = ProfileProvider()
            provider.jobs = jobs
            let codecs = scenario.codecs.contains(scenario.batcher.codec) ? scenario.codecs : scenario.codecs + [scenario.batcher.codec]
            var profile = try provider.profile(tracePath: tracePath, codecs: codecs)
            profile.trace.path = trace ?? base.trace.path
            let current = ComparisonReport.build(scenario: scenario, scenarioFile: file, profile: profile)
            return (RegressionCheck.compare(baseline: base, current: current, tolerances: tolerances), .report(current))
        }
    }

    private func checkTrace(_ path: String, against sha: String, baselinePath: String) throws {
        guard !allowTraceChange else { return }
        let (_, current) = try TraceFingerprint.of(path: path)
        if current != sha { throw RegressionError.traceChanged(path: baselinePath, baseline: sha, current: current) }
    }
}
