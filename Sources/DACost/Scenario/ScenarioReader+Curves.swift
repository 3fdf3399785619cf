import Foundation

extension ScenarioReader {
    static let timeFormatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    /// Seconds between the scenario start and a date (`2026-12-10`) or time (`2026-12-10T12:00:00Z`).
    func offset(_ v: Any?, _ path: String, start: String) throws -> Double {
        guard let startSeconds = CalendarDay.epochSeconds(start) else { throw fail(path, "a date", start) }
        let date: Date?
        switch v {
        case let d as Date: date = d
        // Both formatters are lenient (month 13 rolls over): a time or day must write back as the same text.
        case let s as String:
            date = Self.timeFormatter.date(from: s).flatMap { Self.timeFormatter.string(from: $0) == s ? $0 : nil }
                ?? CalendarDay.epochSeconds(s).map { Date(timeIntervalSince1970: Double($0)) }
        default: date = nil
        }
        guard let d = date else { throw fail(path, "a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SSZ", v) }
        return d.timeIntervalSince1970 - Double(startSeconds)
    }

    /// A number (constant) or a curve mapping with a `kind`.
    func curve(_ v: Any?, _ path: String, start: String, min: Double = 0, exclusive: Bool = false) throws -> Curve {
        if !(v is [String: Any]) {
            let parts = path.split(separator: ".").map(String.init)
            return .constant(try number([parts.last ?? path: v as Any], parts.last ?? path, parts.dropLast().joined(separator: "."), min: min, exclusive: exclusive))
        }
        guard let o = v as? [String: Any] else {
            throw fail(path, "a number ≥ \(Self.trim(min)) or a curve {kind: constant|piecewise|csv|gbm|mean_reverting|diurnal|growth|product, …}", v)
        }
        let kinds = ["constant", "piecewise", "csv", "gbm", "mean_reverting", "diurnal", "growth", "product"]
        let kind = try string(o, "kind", path, oneOf: kinds)
        func keys(_ allowed: Set<String>) throws -> [String: Any] { try object(o, path, allowed: allowed.union(["kind"])) }
        switch kind {
        case "constant":
            let k = try keys(["value"])
            return .constant(try number(k, "value", path, min: min))
        case "piecewise":
            let k = try keys(["points", "interpolation"])
            let linear = k["interpolation"] == nil ? false : try string(k, "interpolation", path, oneOf: ["step", "linear"]) == "linear"
            guard let list = k["points"] as? [Any], !list.isEmpty else { throw fail("\(path).points", "a non-empty list of {date, value}", k["points"]) }
            var points = [Curve.TimedValue]()
            for (i, p) in list.enumerated() {
                let pp = "\(path).points[\(i)]"
                let po = try object(p, pp, allowed: ["date", "time", "value"])
                let t = try offset(po["date"] ?? po["time"], "\(pp).date", start: start)
                if let last = points.last, t <= last.offset { throw fail("\(pp).date", "a date after the previous point's", po["date"] ?? po["time"]) }
                points.append(.init(offset: t, value: try number(po, "value", pp, min: min)))
            }
            return .piecewise(points: points, linear: linear)
        case "csv":
            let k = try keys(["path", "column", "scale", "time"])
            var file = try string(k, "path", path)
            if !file.hasPrefix("/") { file = (baseDirectory as NSString).appendingPathComponent(file) }
            let column = k["column"].map { "\($0)" }
            let scale = k["scale"] == nil ? 1 : try number(k, "scale", path, min: 0, exclusive: true)
            return .replay(points: try CSVSeries.read(path: file, column: column, scale: scale, min: min, keyPath: path),
                           source: (file as NSString).lastPathComponent)
        case "gbm":
            let k = try keys(["start", "drift_per_year", "volatility_per_year"])
            return .gbm(start: try number(k, "start", path, min: min, exclusive: true),
                        driftPerYear: try number(k, "drift_per_year", path, min: -10, max: 10),
                        volatilityPerYear: try number(k, "volatility_per_year", path, min: 0, max: 20))
        case "mean_reverting":
            let k = try keys(["start", "mean", "reversion_per_day", "volatility_per_day", "jumps"])
            var jr = 0.0, jm = 0.0, js = 0.0
            if let j = k["jumps"] {
                let jo = try object(j, "\(path).jumps", allowed: ["rate_per_day", "mean_log_size", "sd_log_size"])
                jr = try number(jo, "rate_per_day", "\(path).jumps", max: 1000)
                jm = try number(jo, "mean_log_size", "\(path).jumps", min: -20, max: 20)
                js = jo["sd_log_size"] == nil ? 0 : try number(jo, "sd_log_size", "\(path).jumps", max: 20)
            }
            let start = try number(k, "start", path, min: 0, exclusive: true)
            return .meanReverting(start: start, mean: k["mean"] == nil ? start : try number(k, "mean", path, min: 0, exclusive: true),
                                  reversionPerDay: try number(k, "reversion_per_day", path, max: 1000),
                                  volatilityPerDay: try number(k, "volatility_per_day", path, max: 100),
                                  jumpsPerDay: jr, jumpMeanLog: jm, jumpSdLog: js)
        case "diurnal":
            let k = try keys(["amplitude", "peak_hour"])
            return .diurnal(amplitude: try number(k, "amplitude", path, max: 1), peakHour: try number(k, "peak_hour", path, max: 24))
        case "growth":
            let k = try keys(["start", "percent_per_month"])
            return .growth(start: try number(k, "start", path, min: min), percentPerMonth: try number(k, "percent_per_month", path, min: -99, max: 1000))
        default: // product
            let k = try keys(["of"])
            guard let list = k["of"] as? [Any], !list.isEmpty else { throw fail("\(path).of", "a non-empty list of curves", k["of"]) }
            return .product(try list.enumerated().map { try curve($0.element, "\(path).of[\($0.offset)]", start: start, min: 0) })
        }
    }

    func projection(_ top: [String: Any], market m: [String: Any], traffic t: [String: Any], start: String, horizonDays: Int,
                    layers: [LayerSpec], opScalars: Scenario.OPFeeScalars) throws -> ProjectionSettings {
        var usd = [String: Curve]()
        for (key, symbol) in [("eth_usd", "ETH"), ("tia_usd", "TIA"), ("avail_usd", "AVAIL")] {
            usd[symbol] = try curve(m[key], "market.\(key)", start: start, exclusive: symbol == "ETH")
        }
        let blobFee: Curve? = (m["blob_base_fee_gwei"] as? String) != nil ? nil : try curve(m["blob_base_fee_gwei"], "market.blob_base_fee_gwei", start: start)
        let curves = ProjectionSettings.Curves(
            l1BaseFeeGwei: try curve(m["l1_base_fee_gwei"], "market.l1_base_fee_gwei", start: start),
            l1PriorityFeeGwei: try curve(m["l1_priority_fee_gwei"], "market.l1_priority_fee_gwei", start: start),
            blobBaseFeeGwei: blobFee, usd: usd,
            tps: try curve(t["tps"], "traffic.tps", start: start, exclusive: true),
            celestiaGasPriceUtia: m["celestia_gas_price_utia"] == nil ? nil : try curve(m["celestia_gas_price_utia"], "market.celestia_gas_price_utia", start: start),
            eigendaPricePerSymbolWei: m["eigenda_price_per_symbol_wei"] == nil ? nil : try curve(m["eigenda_price_per_symbol_wei"], "market.eigenda_price_per_symbol_wei", start: start))
        let p = try object(top["projection"] ?? [String: Any](), "projection",
                           allowed: ["paths", "seed", "market_step_minutes", "blob_market", "spikes", "revenue_per_tx_usd", "loss_threshold_usd", "da_switch", "outages", "fees"])
        let paths = p["paths"] == nil ? 1000 : try integer(p, "paths", "projection", min: 1, max: ProjectionSettings.maxPaths)
        let seed = p["seed"] == nil ? 1 : UInt64(try integer(p, "seed", "projection", min: 0, max: Int.max))
        let stepMinutes = p["market_step_minutes"] == nil ? 5 : try number(p, "market_step_minutes", "projection", min: 0.2, max: 1440)
        let bm = try object(p["blob_market"] ?? [String: Any](), "projection.blob_market",
                            allowed: ["simulate", "background_blobs_per_block", "background_noise_sd", "start_excess_blob_gas"])
        var simulate = false
        if let s = bm["simulate"] { guard let b = s as? Bool else { throw fail("projection.blob_market.simulate", "true or false", s) }; simulate = b }
        let market = ProjectionSettings.BlobMarket(
            simulate: simulate,
            backgroundBlobsPerBlock: bm["background_blobs_per_block"] == nil ? .constant(0)
                : try curve(bm["background_blobs_per_block"], "projection.blob_market.background_blobs_per_block", start: start),
            backgroundNoiseSD: bm["background_noise_sd"] == nil ? 0 : try number(bm, "background_noise_sd", "projection.blob_market", max: 1000),
            startExcessBlobGas: bm["start_excess_blob_gas"] == nil ? nil
                : UInt64(try integer(bm, "start_excess_blob_gas", "projection.blob_market", min: 0, max: Int(UInt32.max) * 64)))
        var spikes = [Spike]()
        if let list = p["spikes"] {
            guard let items = list as? [Any] else { throw fail("projection.spikes", "a list of spikes", list) }
            let inputs = ["l1_base_fee_gwei", "l1_priority_fee_gwei", "blob_base_fee_gwei", "eth_usd", "tia_usd", "avail_usd", "tps",
                          "background_blobs_per_block", "celestia_gas_price_utia"]
            for (i, s) in items.enumerated() {
                let sp = "projection.spikes[\(i)]"
                let so = try object(s, sp, allowed: ["name", "input", "start", "hours", "multiplier"])
                spikes.append(Spike(name: so["name"] == nil ? "spike \(i + 1)" : try string(so, "name", sp),
                                    input: try string(so, "input", sp, oneOf: inputs),
                                    startOffset: try offset(so["start"], "\(sp).start", start: start),
                                    hours: try number(so, "hours", sp, min: 0, exclusive: true, max: Double(horizonDays) * 24),
                                    multiplier: try number(so, "multiplier", sp, min: 0, max: 1e6)))
            }
        }
        var daSwitch: ProjectionSettings.DASwitch? = nil
        if let d = p["da_switch"] {
            let o = try object(d, "projection.da_switch", allowed: ["date", "from", "to"])
            let names = layers.map(\.name)
            let from = try string(o, "from", "projection.da_switch", oneOf: names), to = try string(o, "to", "projection.da_switch", oneOf: names)
            let day = try date(o, "date", "projection.da_switch")
            daSwitch = .init(from: from, to: to, offsetSeconds: try offset(day, "projection.da_switch.date", start: start), date: day)
        }
        return ProjectionSettings(
            paths: paths, seed: seed, marketStepMinutes: stepMinutes, curves: curves, blobMarket: market, spikes: spikes,
            revenuePerTxUSD: p["revenue_per_tx_usd"] == nil ? nil : try number(p, "revenue_per_tx_usd", "projection"),
            lossThresholdUSD: p["loss_threshold_usd"] == nil ? 10_000 : try number(p, "loss_threshold_usd", "projection"),
            daSwitch: daSwitch, outages: try outages(p["outages"], layers: layers, start: start, horizonDays: horizonDays),
            fees: try fees(p["fees"], opScalars: opScalars, revenuePerTx: p["revenue_per_tx_usd"] != nil))
    }

    /// `projection.outages`: per alt-DA layer, dated windows, a random rate and the batcher's failover.
    func outages(_ v: Any?, layers: [LayerSpec], start: String, horizonDays: Int) throws -> [OutageSettings]? {
        guard let v else { return nil }
        guard let items = v as? [Any] else { throw fail("projection.outages", "a list of outage settings, one per alt-DA layer", v) }
        let altDA = layers.filter { $0.kind != .ethereumBlobs && $0.kind != .ethereumCalldata }.map(\.name)
        var out = [OutageSettings]()
        for (i, item) in items.enumerated() {
            let p = "projection.outages[\(i)]"
            let o = try object(item, p, allowed: ["layer", "windows", "per_month", "median_hours", "p95_hours", "failover"])
            let name = try string(o, "layer", p, oneOf: altDA)
            if out.contains(where: { $0.layer == name }) { throw fail("\(p).layer", "one entry per layer", name) }
            var s = OutageSettings(layer: name)
            if let w = o["windows"] {
                guard let list = w as? [Any] else { throw fail("\(p).windows", "a list of {start, hours}", w) }
                for (j, item) in list.enumerated() {
                    let wp = "\(p).windows[\(j)]"
                    let wo = try object(item, wp, allowed: ["start", "hours"])
                    s.windows.append(.init(startOffset: try offset(wo["start"], "\(wp).start", start: start),
                                           hours: try number(wo, "hours", wp, min: 0, exclusive: true, max: Double(horizonDays) * 24)))
                }
            }
            if o["per_month"] != nil { s.perMonth = try number(o, "per_month", p, max: 1_000) }
            if o["median_hours"] != nil { s.medianHours = try number(o, "median_hours", p, min: 0, exclusive: true, max: 8_760) }
            if o["p95_hours"] != nil { s.p95Hours = try number(o, "p95_hours", p, min: s.medianHours, max: 8_760) }
            else { s.p95Hours = max(s.p95Hours, s.medianHours) }
            if o["failover"] != nil {
                let f = try string(o, "failover", p, oneOf: OutageSettings.Failover.allCases.map(\.rawValue))
                s.failover = OutageSettings.Failover(rawValue: f) ?? .ethereumBlobs
            }
            out.append(s)
        }
        return out.isEmpty ? nil : out
    }
}

/// A `time,value` history from a CSV file: the first column a unix timestamp (or a block number,
/// 12 s apart), a header row naming the columns. Rows must be numeric, sorted, unique and without gaps.
enum CSVSeries {
    /// A history is read whole: 256 MiB holds ten years of 12-second blocks.
    static let maxBytes = 256 << 20

    static func read(path: String, column: String?, scale: Double, min: Double, keyPath: String) throws -> [Curve.TimedValue] {
        func bad(_ line: Int, _ what: String, _ got: String = "something else") -> ScenarioError {
            .invalid(file: path, keyPath: "line \(line)", expected: what, got: "\(got) (in the history for \(keyPath))")
        }
        let data: [UInt8]
        switch FileBytes.read(path, limit: Self.maxBytes) {
        case .success(let d): data = d
        case .failure(let f): throw ScenarioError.unreadable(file: path, reason: f.reason(file: "CSV file", what: "a history") + " (used by \(keyPath))")
        }
        // Lines split on the byte 0x0A (a CR before it dropped): as Characters, "\r\n" is one grapheme and
        // splitting on "\n" would never split a CRLF file.
        var lines = [String]()
        for (n, raw) in data.split(separator: 0x0a, omittingEmptySubsequences: false).enumerated() {
            let bytes = raw.last == 0x0d ? raw.dropLast() : raw
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw ScenarioError.unreadable(file: path, reason: "line \(n + 1) is not UTF-8 text: a history is a CSV text file (used by \(keyPath))")
            }
            // A control character (NUL, a lone CR) inside a cell would end the number early in a C parser.
            if let c = bytes.first(where: { $0 < 0x20 && $0 != 0x09 }) {
                throw bad(n + 1, "text without control characters", String(format: "the byte 0x%02X", c))
            }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        guard let header = lines.first?.split(separator: ",").map({ $0.trimmingCharacters(in: " ") }), header.count >= 2 else {
            throw bad(1, "a header row: time (or block), then value columns")
        }
        let byBlock = header[0].lowercased().contains("block") || header[0].lowercased() == "number"
        let col: Int
        if let c = column {
            if let i = Int(c), i >= 1, i < header.count { col = i }
            else if let i = header.firstIndex(of: c), i >= 1 { col = i }
            else { throw ScenarioError.invalid(file: path, keyPath: "header", expected: "a column named \(c) (from \(keyPath).column)", got: String(header.joined(separator: ",").prefix(80))) }
        } else { col = 1 }
        var raw = [(Double, Double)]()
        for (n, line) in lines.enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " ") }
            guard cells.count > col, let t = Double(cells[0]), t.isFinite, abs(t) < 1e15 else {
                throw bad(n + 1, "a numeric \(header[0]) and \(header[col])", "\"\(line.prefix(60))\"")
            }
            let ceiling = ValueRanges.ceiling(keyPath: keyPath)
            guard let v = Double(cells[col]), v.isFinite, v * scale >= min, v * scale <= ceiling else {
                throw bad(n + 1, "a number ≥ \(ScenarioReader.trim(min)) and ≤ \(ScenarioReader.trim(ceiling)) in column \(header[col])",
                          "\"\(cells[col].prefix(40))\"")
            }
            if let last = raw.last {
                if t == last.0 { throw bad(n + 1, "each \(header[0]) once (it repeats the previous row)") }
                if t < last.0 { throw bad(n + 1, "rows sorted by \(header[0]) (it goes back in time)") }
                if byBlock && t != last.0 + 1 { throw bad(n + 1, "consecutive block numbers (a gap after block \(Int(last.0)))") }
            }
            raw.append((t, v * scale))
        }
        guard let first = raw.first else { throw bad(2, "at least one data row") }
        if !byBlock && raw.count > 2 {
            // A gap: a step more than ten times the typical one.
            let steps = zip(raw.dropFirst(), raw).map { $0.0.0 - $0.1.0 }.sorted()
            let typical = steps[steps.count / 2]
            if let i = (0..<(raw.count - 1)).first(where: { raw[$0 + 1].0 - raw[$0].0 > 10 * typical }) {
                throw bad(i + 3, "no gap in time (a step of \(Int(raw[i + 1].0 - raw[i].0)) s where rows are \(Int(typical)) s apart)")
            }
        }
        let unit = byBlock ? 12.0 : 1.0
        return raw.map { Curve.TimedValue(offset: ($0.0 - first.0) * unit, value: $0.1) }
    }
}
