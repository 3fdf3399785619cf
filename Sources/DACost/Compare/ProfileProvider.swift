import Foundation

/// Finds the compression profile that pricing needs: the bundled one for the bundled trace, a cached
/// one made earlier for the same bytes, codecs and library versions, or a new measurement (which is
/// then cached). Pricing never re-compresses what it has measured before.
public struct ProfileProvider {
    /// Where measured profiles are kept: `$DACOST_CACHE`, else `$XDG_CACHE_HOME/dacost`, else `~/.cache/dacost`.
    public var cacheDirectory: String?
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var progress: ((CompressionProgress) -> Void)?
    /// The stack's encoding of a batch before compression (`--stack`); profiles are measured and cached per encoding.
    public var encoding = BatchEncoding.raw
    /// The batch sizes pricing reads. With it, a trace above `SamplingPlan.exactUpToBytes` is measured by
    /// `SampledCompressionRun` at those sizes, to `sampling`'s precision; without it (or with `exact`), every
    /// size of the doubling grid over the whole trace, every batch.
    public var need: BatchNeed?
    public var sampling = SamplingPlan()
    /// Measure every batch at every grid size (`--exact`).
    public var exact = false
    /// Traces up to this many bytes of signed transactions are measured exactly whatever `need` says.
    public var sampleAboveBytes = SamplingPlan.exactUpToBytes

    public init(cacheDirectory: String? = ProfileProvider.defaultCacheDirectory) { self.cacheDirectory = cacheDirectory }

    public static var defaultCacheDirectory: String? {
        let env = ProcessInfo.processInfo.environment
        if let d = env["DACOST_CACHE"], !d.isEmpty { return d }
        if let x = env["XDG_CACHE_HOME"], !x.isEmpty { return x + "/dacost" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.cache/dacost" }
        return nil
    }

    /// The batch sizes measured for pricing: a doubling grid up to the trace size, and the whole trace
    /// (for a stack's encoding, as one batch when it is at most 64 MiB: a channel is built from a batch).
    public static func grid(traceBytes: Int, encoding: BatchEncoding = .raw) -> [BatchTarget] {
        var out = [BatchTarget]()
        var size = 16 << 10
        while size < traceBytes && size <= 64 << 20 { out.append(.bytes(size)); size *= 2 }
        if encoding == .raw { return out + [.all] }
        return traceBytes <= 64 << 20 ? out + [.bytes(max(1, traceBytes))] : out
    }

    public func profile(tracePath: String, codecs: [CodecID]) throws -> CompressionProfile {
        let identities = cacheDirectory.map { TraceIdentityCache(directory: $0) }
        let sha: String, traceBytes: Int, transactions: Int
        var fresh: (TraceFingerprint, sha256: String)?
        if let known = identities?.lookup(tracePath) { (sha, traceBytes, transactions) = known } else {
            let (fingerprint, hash) = try TraceFingerprint.of(path: tracePath)
            fresh = (fingerprint, hash)
            (sha, traceBytes, transactions) = (hash, fingerprint.bytes, fingerprint.transactions)
            identities?.store(tracePath, sha: sha, bytes: traceBytes, transactions: transactions)
        }
        // Sampled when the trace is large and the sizes pricing needs are known.
        let plan: SamplingPlan? = exact || traceBytes <= sampleAboveBytes ? nil : need.map { _ in sampling }
        let targets: [BatchTarget]
        if plan != nil, let need {
            targets = need.targets(traceBytes: traceBytes, bytesPerTx: Double(traceBytes) / Double(max(1, transactions)))
        } else {
            targets = Self.grid(traceBytes: traceBytes, encoding: encoding)
        }
        func covers(_ p: CompressionProfile) -> Bool {
            // A sampled request takes only a profile sampled the same way: the answer must not depend on the cache.
            guard p.trace.sha256 == sha, p.encoding == encoding.name, p.sampling == plan else { return false }
            for codec in codecs where codec.family != .none {
                if p.codecs[codec.library.name] != codec.library.version { return false }
            }
            return codecs.allSatisfy { c in targets.allSatisfy { p.result(codec: c, batch: $0) != nil } }
        }
        for candidate in bundled() + cached(sha: sha) where covers(candidate) {
            var p = candidate
            p.trace.path = tracePath
            p.results = p.results.filter { r in codecs.contains(r.codec) && targets.contains(r.batch) }
            return p
        }
        let measured: CompressionProfile
        if let plan {
            var run = SampledCompressionRun(codecs: codecs, targets: targets)
            (run.plan, run.knownFingerprint, run.encoding, run.jobs, run.progress) = (plan, fresh, encoding, jobs, progress)
            measured = try run.run(tracePath: tracePath)
        } else {
            var run = CompressionRun(codecs: codecs, targets: targets)
            (run.encoding, run.timing, run.jobs, run.progress) = (encoding, false, jobs, progress)
            measured = try run.run(tracePath: tracePath)
        }
        store(measured)
        return measured
    }

    private func bundled() -> [CompressionProfile] {
        guard let p = try? JSONDecoder().decode(CompressionProfile.self, from: Data(EmbeddedFile.defaultProfile.bytes)) else { return [] }
        return [p]
    }

    private func cached(sha: String) -> [CompressionProfile] {
        guard let dir = cacheDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.sorted().filter { $0.hasPrefix(sha) && $0.hasSuffix(".json") }.compactMap { name in
            // A damaged cache entry is ignored, never trusted.
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { return nil }
            return try? JSONDecoder().decode(CompressionProfile.self, from: data)
        }
    }

    private func store(_ p: CompressionProfile) {
        guard let dir = cacheDirectory, let data = try? JSONOutput.encode(p) else { return }
        let measured = p.results.map { "\($0.codec)@\($0.batch)" }.joined(separator: ",") + (p.encoding.map { ";" + $0 } ?? "")
            + (p.sampling.map { ";sampled:\($0.seed):\($0.targetRelativeStandardError):\($0.auxiliary)" } ?? "")
        let key = Hex.encode(SHA256.hash(Array(measured.utf8)).prefix(8))
        // A cache that cannot be written only costs time next run.
        try? AtomicFile.write(data, to: "\(dir)/\(p.trace.sha256)-\(key).json")
    }
}
