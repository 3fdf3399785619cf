import Foundation

/// Reads a scenario (YAML, or JSON of the same shape) over the bundled default scenario, and checks
/// every value, naming its key path in errors: `layers[2].gas_price_utia: expected a number ≥ 0 and ≤ 1000000000, got "cheap"`.
public struct ScenarioReader {
    /// The file errors are reported against.
    let file: String
    /// Where relative trace paths start.
    let baseDirectory: String

    /// The bundled default scenario text (compiled into the binary).
    public static var defaultText: String {
        get throws {
            let text = EmbeddedFile.defaultScenario.text
            guard !text.isEmpty else {
                throw ScenarioError.unreadable(file: "default.yaml", reason: "the embedded default scenario is damaged")
            }
            return text
        }
    }

    /// The bundled default scenario as values: parsed once per process (it is 3 KB of YAML against a
    /// user's few lines, and never changes); shared read-only, every load merges over a copy.
    nonisolated(unsafe) private static let parsedDefaults = Result<Any, any Error> { try parse(try defaultText, file: "default.yaml") }

    /// The bundled default trace (the real OP Mainnet trace), written out once from the copy compiled
    /// into the binary to the cache folder (else the temporary folder), so it reads like any file.
    public static var defaultTracePath: String {
        get throws { try EmbeddedFile.defaultTrace.materialized(in: ProfileProvider.defaultCacheDirectory) }
    }

    /// Loads `path`, or the bundled default when nil.
    public static func load(path: String?) throws -> (Scenario, String) {
        let defaults = try parsedDefaults.get()
        guard let path else {
            let s = try ScenarioReader(file: "default.yaml", baseDirectory: FileManager.default.currentDirectoryPath).validate(defaults)
            return (s, "default.yaml")
        }
        let bytes: [UInt8]
        switch FileBytes.read(path, limit: YAMLGuard.maxBytes) {
        case .success(let b): bytes = b
        case .failure(let f): throw ScenarioError.unreadable(file: path, reason: f.reason(what: "a scenario"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScenarioError.unreadable(file: path, reason: "cannot read it as UTF-8 text")
        }
        let user = try parse(text, file: path)
        guard let userObject = user as? [String: Any] else {
            throw ScenarioError.invalid(file: path, keyPath: "(top level)", expected: "a mapping of scenario keys", got: describe(user))
        }
        let merged = merge(defaults, userObject)
        let reader = ScenarioReader(file: path, baseDirectory: (path as NSString).deletingLastPathComponent)
        return (try reader.validate(merged), path)
    }

    /// The user's mapping over the defaults; lists and scalars replace, mappings merge.
    static func merge(_ base: Any, _ over: Any) -> Any {
        guard let b = base as? [String: Any], let o = over as? [String: Any] else { return over }
        var out = b
        for (k, v) in o { out[k] = b[k].map { merge($0, v) } ?? v }
        return out
    }

    static func describe(_ v: Any?) -> String {
        switch v {
        case nil, is NSNull: return "nothing"
        case let s as String: return "\"\(s)\""
        case let b as Bool: return "\(b)"
        case let n as Int: return "\(n)"
        case let d as Double: return "\(d)"
        case is [Any]: return "a list"
        case is [String: Any]: return "a mapping"
        case let d as Date: return "the date \(d)"
        default: return "\(v!)" // allowed: nil handled above
        }
    }

    // MARK: typed accessors

    func fail(_ path: String, _ expected: String, _ got: Any?) -> ScenarioError {
        .invalid(file: file, keyPath: path, expected: expected, got: Self.describe(got))
    }

    func object(_ v: Any?, _ path: String, allowed: Set<String>) throws -> [String: Any] {
        guard let o = v as? [String: Any] else { throw fail(path, "a mapping", v) }
        for key in o.keys where !allowed.contains(key) {
            throw ScenarioError.unknownKey(file: file, keyPath: path.isEmpty ? key : "\(path).\(key)", allowed: Array(allowed))
        }
        return o
    }

    func number(_ o: [String: Any], _ key: String, _ path: String, min: Double = 0, exclusive: Bool = false, max: Double? = nil) throws -> Double {
        let p = path.isEmpty ? key : "\(path).\(key)"
        let v = o[key]
        // Every number has a ceiling: its own, else its quantity's documented one (`ValueRanges`).
        let max = max ?? ValueRanges.ceiling(keyPath: p)
        let lower = exclusive ? "> \(Self.trim(min))" : "≥ \(Self.trim(min))"
        let expected = "a number \(lower) and ≤ \(Self.trim(max))"
        guard let n = (v as? NSNumber).flatMap({ v is Bool ? nil : $0.doubleValue }) ?? (v as? Int).map(Double.init) ?? (v as? Double) else {
            throw fail(p, expected, v)
        }
        guard n.isFinite, exclusive ? n > min : n >= min, n <= max else { throw fail(p, expected, v) }
        return n
    }

    func optionalNumber(_ o: [String: Any], _ key: String, _ path: String, min: Double = 0, exclusive: Bool = false) throws -> Double? {
        guard let v = o[key], !(v is NSNull) else { return nil }
        _ = v
        return try number(o, key, path, min: min, exclusive: exclusive)
    }

    func integer(_ o: [String: Any], _ key: String, _ path: String, min: Int, max: Int) throws -> Int {
        let p = path.isEmpty ? key : "\(path).\(key)"
        let v = o[key]
        let n: Double? = (v is Bool) ? nil : (v as? NSNumber)?.doubleValue ?? (v as? Int).map(Double.init)
        guard let d = n, d == d.rounded(), d >= Double(min), d <= Double(max) else {
            throw fail(p, "a whole number from \(min) to \(max)", v)
        }
        return Int(d)
    }

    func string(_ o: [String: Any], _ key: String, _ path: String, oneOf: [String]? = nil) throws -> String {
        let p = path.isEmpty ? key : "\(path).\(key)"
        let v = o[key]
        guard let s = v as? String, !s.isEmpty else { throw fail(p, oneOf.map { "one of \($0.joined(separator: ", "))" } ?? "a text value", v) }
        if let allowed = oneOf, !allowed.contains(s) { throw fail(p, "one of \(allowed.joined(separator: ", "))", v) }
        return s
    }

    /// A plain number, or a curve's value at the start (what a constant-market comparison uses).
    func startValue(_ o: [String: Any], _ key: String, _ path: String, start: String, min: Double = 0, exclusive: Bool = false,
                    max: Double? = nil) throws -> Double {
        guard o[key] is [String: Any] else { return try number(o, key, path, min: min, exclusive: exclusive, max: max) }
        let v = try curve(o[key], "\(path).\(key)", start: start, min: min).startValue
        guard exclusive ? v > min : v >= min, max.map({ v <= $0 }) ?? true else {
            throw fail("\(path).\(key)", "a curve starting at a number \(exclusive ? ">" : "≥") \(Self.trim(min))", v)
        }
        return v
    }

    static func trim(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }

    func date(_ o: [String: Any], _ key: String, _ path: String) throws -> String {
        let p = path.isEmpty ? key : "\(path).\(key)"
        switch o[key] {
        case let d as Date: return CalendarDay(epochSeconds: Int64(d.timeIntervalSince1970.rounded(.down))).description
        case let s as String where CalendarDay(s) != nil: return s
        case let v: throw fail(p, "a date YYYY-MM-DD", v)
        }
    }

    // MARK: the scenario

    func validate(_ tree: Any) throws -> Scenario {
        let top = try object(tree, "", allowed: ["name", "start", "horizon_days", "traffic", "trace", "codecs", "batcher", "market",
                                                  "blob_schedule", "l1_gas_limit", "layers", "op_fee", "projection", "backtest"])
        let name = try string(top, "name", "")
        let start = try date(top, "start", "")
        let horizon = try integer(top, "horizon_days", "", min: 1, max: 3660)
        let trafficObject = try object(top["traffic"], "traffic", allowed: ["tps"])
        let tps = try startValue(trafficObject, "tps", "traffic", start: start, min: 0, exclusive: true, max: 1e7)
        var trace = try string(top, "trace", "")
        if trace != "default" && !trace.hasPrefix("/") { trace = (baseDirectory as NSString).appendingPathComponent(trace) }
        if trace != "default" && !FileManager.default.fileExists(atPath: trace) {
            throw fail("trace", "an existing trace file or 'default'", top["trace"])
        }

        guard let codecList = top["codecs"] as? [Any], !codecList.isEmpty else { throw fail("codecs", "a non-empty list of codec names", top["codecs"]) }
        var codecs = [CodecID]()
        for (i, c) in codecList.enumerated() {
            guard let s = c as? String else { throw fail("codecs[\(i)]", "a codec name", c) }
            do { let id = try CodecID(parsing: s); if !codecs.contains(id) { codecs.append(id) } }
            catch let e as CodecError { throw fail("codecs[\(i)]", "a codec name (\(e.description.components(separatedBy: ": expected ").last ?? ""))", c) }
        }

        let b = try object(top["batcher"], "batcher", allowed: ["codec", "target_blobs_per_tx", "max_channel_duration_minutes", "da",
                                                                 "blob_encoding", "max_calldata_tx_size"])
        let batcherCodecName = try string(b, "codec", "batcher")
        guard let batcherCodec = try? CodecID(parsing: batcherCodecName) else { throw fail("batcher.codec", "a codec name such as brotli-10", b["codec"]) }
        let batcher = Scenario.BatcherPolicy(
            codec: batcherCodec,
            targetBlobsPerTx: try integer(b, "target_blobs_per_tx", "batcher", min: 1, max: EthereumBlobs.maxBlobsPerTransaction),
            maxChannelDurationMinutes: try number(b, "max_channel_duration_minutes", "batcher", min: 0, exclusive: true, max: 60 * 24 * 30),
            da: Scenario.BatcherPolicy.DAChoice(rawValue: try string(b, "da", "batcher", oneOf: Scenario.BatcherPolicy.DAChoice.allCases.map(\.rawValue)))!, // allowed: checked by oneOf
            blobEncoding: BlobEncoding(rawValue: try string(b, "blob_encoding", "batcher", oneOf: BlobEncoding.allCases.map(\.rawValue)))!, // allowed: checked by oneOf
            maxCalldataTxSize: try integer(b, "max_calldata_tx_size", "batcher", min: 1_000, max: 1 << 24))

        let m = try object(top["market"], "market", allowed: ["l1_base_fee_gwei", "l1_priority_fee_gwei", "blob_base_fee_gwei",
                                                               "eth_usd", "tia_usd", "avail_usd", "token_usd",
                                                               "celestia_gas_price_utia", "eigenda_price_per_symbol_wei"])
        var blobFee: Double? = nil
        if let s = m["blob_base_fee_gwei"] as? String {
            guard s == "from_market" else { throw fail("market.blob_base_fee_gwei", "a number ≥ 0 or from_market", s) }
        } else {
            blobFee = try startValue(m, "blob_base_fee_gwei", "market", start: start)
        }
        var usd: [String: Double] = [
            "ETH": try startValue(m, "eth_usd", "market", start: start, min: 0, exclusive: true),
            "TIA": try startValue(m, "tia_usd", "market", start: start),
            "AVAIL": try startValue(m, "avail_usd", "market", start: start),
        ]
        if let extra = m["token_usd"] {
            let t = try object(extra, "market.token_usd", allowed: Set((extra as? [String: Any])?.keys.map { $0 } ?? []))
            for key in t.keys.sorted() { usd[key.uppercased()] = try number(t, key, "market.token_usd") }
        }
        let l1Base = try startValue(m, "l1_base_fee_gwei", "market", start: start)
        let l1Tip = try startValue(m, "l1_priority_fee_gwei", "market", start: start)

        var forks = BlobSchedule.mainnet.forks
        var calldataForks = [CalldataFork]()
        if let bs = top["blob_schedule"], !(bs is NSNull) {
            let o = try object(bs, "blob_schedule", allowed: ["extra_forks"])
            guard let list = o["extra_forks"] as? [Any] else { throw fail("blob_schedule.extra_forks", "a list of forks", o["extra_forks"]) }
            for (i, f) in list.enumerated() {
                let p = "blob_schedule.extra_forks[\(i)]"
                let fo = try object(f, p, allowed: ["name", "timestamp", "date", "target", "max", "update_fraction", "reserve_price", "eip7976"])
                let ts: Int64
                if fo["date"] != nil {
                    let day = try date(fo, "date", p)
                    ts = CalendarDay.epochSeconds(day) ?? 0
                } else {
                    ts = Int64(try integer(fo, "timestamp", p, min: 0, max: Int(Int32.max) * 4))
                }
                let target = try integer(fo, "target", p, min: 1, max: 4096)
                if let e = fo["eip7976"] {
                    guard let on = e as? Bool else { throw fail("\(p).eip7976", "true or false", e) }
                    // EIP-7976's calldata floor from this fork on.
                    if on { calldataForks.append(CalldataFork(name: try string(fo, "name", p), timestamp: ts, pricing: .eip7976)) }
                }
                forks.append(BlobFork(name: try string(fo, "name", p), timestamp: ts, target: target,
                                      max: try integer(fo, "max", p, min: target, max: 4096),
                                      updateFraction: UInt64(try integer(fo, "update_fraction", p, min: 1, max: 1 << 40)),
                                      reservePrice: (fo["reserve_price"] as? Bool) ?? true))
            }
            if let problem = BlobSchedule(forks: forks).problems().first {
                throw ScenarioError.invalid(file: file, keyPath: "blob_schedule.extra_forks", expected: "forks after the mainnet schedule, in time order",
                                            got: problem)
            }
        }

        let gasLimit = try l1GasLimit(top["l1_gas_limit"])
        // Alt-DA commitments are priced by the calldata rule of the start day.
        let startTime = CalendarDay.epochSeconds(start) ?? 0
        let startCalldata = CalldataSchedule(forks: CalldataSchedule.mainnet.forks + calldataForks).fork(at: startTime).pricing

        guard let layerList = top["layers"] as? [Any], !layerList.isEmpty else { throw fail("layers", "a non-empty list of layers", top["layers"]) }
        var layers = [LayerSpec]()
        for (i, l) in layerList.enumerated() {
            let spec = try layer(l, "layers[\(i)]", usd: &usd, calldata: startCalldata, start: start)
            if layers.contains(where: { $0.name == spec.name }) { throw fail("layers[\(i)].name", "a name not used by another layer", spec.name) }
            layers.append(spec)
        }

        let market = Scenario.MarketAssumptions(l1BaseFeeGwei: l1Base, l1PriorityFeeGwei: l1Tip, blobBaseFeeGwei: blobFee, usd: usd)
        let op = try object(top["op_fee"], "op_fee", allowed: ["base_fee_scalar", "blob_base_fee_scalar"])
        let scalars = Scenario.OPFeeScalars(baseFeeScalar: UInt64(try integer(op, "base_fee_scalar", "op_fee", min: 0, max: Int(UInt32.max))),
                                            blobBaseFeeScalar: UInt64(try integer(op, "blob_base_fee_scalar", "op_fee", min: 0, max: Int(UInt32.max))))
        let projection = try self.projection(top, market: m, traffic: trafficObject, start: start, horizonDays: horizon, layers: layers, opScalars: scalars)
        let chains = try backtestChains(top["backtest"])
        return Scenario(name: name, start: start, horizonDays: horizon, traffic: .init(tps: tps), trace: trace, codecs: codecs,
                        batcher: batcher, market: market, blobSchedule: forks, l1GasLimit: gasLimit,
                        calldataForks: calldataForks.isEmpty ? nil : calldataForks, layers: layers, opFee: scalars,
                        projection: projection, backtestChains: chains)
    }

    /// `backtest: {chains: {NAME: {bedrock_overhead, bedrock_scalar, output_proposal_gas, base_fee_scalar, blob_base_fee_scalar}}}`; each value
    /// defaults to OP Mainnet's.
    func backtestChains(_ v: Any?) throws -> [String: Backtest.ChainParameters]? {
        guard let v, !(v is NSNull) else { return nil }
        let o = try object(v, "backtest", allowed: ["chains"])
        guard let raw = o["chains"] else { return nil }
        let names = (raw as? [String: Any])?.keys.map { $0 } ?? []
        let chains = try object(raw, "backtest.chains", allowed: Set(names))
        var out = [String: Backtest.ChainParameters]()
        for name in names.sorted() {
            let p = "backtest.chains.\(name)"
            let c = try object(chains[name], p, allowed: ["bedrock_overhead", "bedrock_scalar", "output_proposal_gas", "base_fee_scalar", "blob_base_fee_scalar"])
            var params = Backtest.ChainParameters()
            if c["bedrock_overhead"] != nil { params.bedrockOverhead = UInt64(try integer(c, "bedrock_overhead", p, min: 0, max: 1_000_000)) }
            if c["bedrock_scalar"] != nil { params.bedrockScalar = UInt64(try integer(c, "bedrock_scalar", p, min: 0, max: 100_000_000)) }
            if c["base_fee_scalar"] != nil { params.baseFeeScalar = UInt64(try integer(c, "base_fee_scalar", p, min: 0, max: Int(UInt32.max))) }
            if c["blob_base_fee_scalar"] != nil { params.blobBaseFeeScalar = UInt64(try integer(c, "blob_base_fee_scalar", p, min: 0, max: Int(UInt32.max))) }
            if c["output_proposal_gas"] != nil { params.outputProposalGas = try number(c, "output_proposal_gas", p, min: 0, max: 30_000_000) }
            out[name] = params
        }
        return out
    }

    /// `l1_gas_limit: {schedule: [{from, gas_limit}], max_share}`; each part defaults to mainnet's.
    func l1GasLimit(_ v: Any?) throws -> L1GasLimit {
        var limit = L1GasLimit.mainnet
        guard let v, !(v is NSNull) else { return limit }
        let o = try object(v, "l1_gas_limit", allowed: ["schedule", "max_share"])
        if o["max_share"] != nil { limit.maxShare = try number(o, "max_share", "l1_gas_limit", min: 0, exclusive: true, max: 1) }
        if let raw = o["schedule"] {
            guard let list = raw as? [Any], !list.isEmpty else { throw fail("l1_gas_limit.schedule", "a non-empty list of {from, gas_limit}", raw) }
            limit.schedule = []
            for (i, item) in list.enumerated() {
                let p = "l1_gas_limit.schedule[\(i)]"
                let so = try object(item, p, allowed: ["from", "gas_limit"])
                let step = L1GasLimit.Step(from: try date(so, "from", p), gasLimit: try integer(so, "gas_limit", p, min: 21_000, max: 1 << 40))
                if let last = limit.schedule.last, last.from >= step.from {
                    throw fail("\(p).from", "a date after \(last.from) (steps in date order)", step.from)
                }
                limit.schedule.append(step)
            }
        }
        return limit
    }

    func layer(_ v: Any, _ p: String, usd: inout [String: Double], calldata: CalldataPricing = .eip7623, start: String) throws -> LayerSpec {
        guard let raw = v as? [String: Any] else { throw fail(p, "a mapping with a kind", v) }
        let kind = try string(raw, "kind", p, oneOf: LayerKind.allCases.map(\.rawValue))
        guard let k = LayerKind(rawValue: kind) else { throw fail("\(p).kind", "a layer kind", kind) }
        var allowed: Set<String> = ["kind", "name", "stake_usd", "retention_days"]
        switch k {
        case .ethereumBlobs: break
        case .ethereumCalldata: allowed.formUnion(["max_tx_size", "eip7976"])
        case .celestia: allowed.formUnion(["gas_price_utia", "max_blob_bytes", "block_seconds", "block_bytes"])
        case .eigenDA: allowed.formUnion(["mode", "price_per_symbol_wei", "min_num_symbols", "max_blob_bytes",
                                          "reservation_symbols_per_second", "reservation_usd_per_30_days", "on_demand_symbols_per_second",
                                          "on_refusal"])
        case .avail: allowed.formUnion(["multiplier", "base_fee_avail", "extrinsic_overhead_bytes", "avail_per_mb", "max_submission_bytes",
                                        "block_seconds", "block_bytes", "tip_avail", "background_tip_avail"])
        case .generic: allowed.formUnion(["token", "token_usd", "fixed_per_submission", "price_per_byte", "max_submission_bytes"])
        }
        let commitment = AltDACommitment.standard(for: k)
        if commitment != nil { allowed.formUnion(["l1_commitment_gas", "l1_commitment_bytes"]) }
        if k != .ethereumBlobs && k != .ethereumCalldata { allowed.formUnion(["max_bytes_per_second", "background_bytes_per_second"]) }
        if k == .celestia { allowed.insert("background_price_spread") }
        let o = try object(raw, p, allowed: allowed)
        let defaultName = k.rawValue.replacingOccurrences(of: "_", with: "-")
        var spec = LayerSpec(kind: k, name: o["name"] == nil ? defaultName : try string(o, "name", p))
        switch k {
        case .ethereumBlobs: break
        case .ethereumCalldata:
            if o["max_tx_size"] != nil { spec.maxTxSize = try integer(o, "max_tx_size", p, min: 1_000, max: 1 << 24) }
            if let e = o["eip7976"] { guard let b = e as? Bool else { throw fail("\(p).eip7976", "true or false", e) }; spec.eip7976 = b }
            else { spec.eip7976 = false }
        case .celestia:
            spec.gasPriceUtia = try optionalNumber(o, "gas_price_utia", p) ?? CelestiaPricing.defaultGasPriceUtia
            spec.maxBlobBytes = o["max_blob_bytes"] == nil ? CelestiaPricing.defaultMaxTxBytes - 4096
                : try integer(o, "max_blob_bytes", p, min: 512, max: CelestiaPricing.defaultMaxTxBytes)
        case .eigenDA:
            spec.mode = o["mode"] == nil ? "on_demand" : try string(o, "mode", p, oneOf: ["on_demand", "reservation"])
            spec.pricePerSymbolWei = o["price_per_symbol_wei"] == nil ? Int(EigenDAPricing.defaultPricePerSymbolWei)
                : try integer(o, "price_per_symbol_wei", p, min: 0, max: 1 << 62)
            spec.minNumSymbols = o["min_num_symbols"] == nil ? Int(EigenDAPricing.defaultMinNumSymbols)
                : try integer(o, "min_num_symbols", p, min: 1, max: 1 << 30)
            spec.maxBlobBytes = o["max_blob_bytes"] == nil ? EigenDAPricing.defaultMaxBlobBytes : try integer(o, "max_blob_bytes", p, min: 4096, max: 1 << 30)
            if spec.mode == "reservation" {
                spec.reservationSymbolsPerSecond = try number(o, "reservation_symbols_per_second", p, min: 0, exclusive: true)
                spec.reservationUSDPer30Days = try number(o, "reservation_usd_per_30_days", p)
            }
        case .avail:
            spec.multiplier = try optionalNumber(o, "multiplier", p) ?? 1
            spec.baseFeeAvail = try optionalNumber(o, "base_fee_avail", p) ?? 0
            (spec.tipAvail, spec.backgroundTipAvail) = (try optionalNumber(o, "tip_avail", p) ?? 0, try optionalNumber(o, "background_tip_avail", p) ?? 0)
            spec.extrinsicOverheadBytes = o["extrinsic_overhead_bytes"] == nil ? 110 : try integer(o, "extrinsic_overhead_bytes", p, min: 0, max: 10_000)
            spec.availPerMB = try optionalNumber(o, "avail_per_mb", p)
            spec.maxSubmissionBytes = o["max_submission_bytes"] == nil ? AvailPricing.defaultMaxSubmissionBytes
                : try integer(o, "max_submission_bytes", p, min: 1_000, max: 5 << 20)
        case .generic:
            spec.token = (try string(o, "token", p)).uppercased()
            if spec.token != "USD" && usd[spec.token ?? ""] == nil && o["token_usd"] == nil {
                throw fail("\(p).token_usd", "a USD price for \(spec.token ?? "") (or a token listed in market.token_usd)", nil)
            }
            spec.fixedPerSubmission = try optionalNumber(o, "fixed_per_submission", p) ?? 0
            spec.pricePerByte = try number(o, "price_per_byte", p)
            spec.maxSubmissionBytes = o["max_submission_bytes"] == nil ? 1 << 20 : try integer(o, "max_submission_bytes", p, min: 1, max: 1 << 30)
            if o["token_usd"] != nil, let t = spec.token { usd[t] = try number(o, "token_usd", p) }
        }
        if let standard = commitment {
            // The commitment's inbox transaction, priced by the calldata rules unless its gas is given.
            let bytes = o["l1_commitment_bytes"] == nil ? standard.bytes : try integer(o, "l1_commitment_bytes", p, min: 1, max: 1 << 20)
            spec.l1CommitmentBytes = bytes
            let derived = bytes == standard.bytes ? standard : AltDACommitment(bytes: bytes)
            let rules = EthereumCalldata(pricing: calldata)
            spec.l1CommitmentGas = o["l1_commitment_gas"] == nil ? Int(derived.gas(rules: rules)) : try integer(o, "l1_commitment_gas", p, min: 0, max: 1 << 24)
        }
        if o["max_bytes_per_second"] != nil {
            spec.maxBytesPerSecond = try number(o, "max_bytes_per_second", p, min: 0, exclusive: true)
        }
        if o["stake_usd"] != nil { spec.stakeUSD = try number(o, "stake_usd", p) }
        if let b = o["background_bytes_per_second"] { spec.backgroundBytesPerSecond = try curve(b, "\(p).background_bytes_per_second", start: start) }
        if o["background_price_spread"] != nil { spec.backgroundPriceSpread = try number(o, "background_price_spread", p, max: 10) }
        if o["retention_days"] != nil { spec.retentionDays = try number(o, "retention_days", p, min: 0, exclusive: true, max: 1e5) }
        if o["block_seconds"] != nil { spec.blockSeconds = try number(o, "block_seconds", p, min: 0.1) }
        if o["block_bytes"] != nil { spec.blockBytes = try integer(o, "block_bytes", p, min: 512, max: 1 << 40) }
        if o["on_refusal"] != nil {
            let r = try string(o, "on_refusal", p, oneOf: ["wait", "ethereum_blobs", "ethereum_calldata"])
            spec.onRefusal = r == "wait" ? nil : r
        }
        if o["on_demand_symbols_per_second"] != nil {
            spec.onDemandSymbolsPerSecond = try number(o, "on_demand_symbols_per_second", p, min: 0, exclusive: true)
        }
        return spec
    }
}
