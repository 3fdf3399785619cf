extension CompressionProfile {
    /// The lzbench-style table: one row per codec and batch size.
    public func table() -> TextTable {
        var t = TextTable(headers: ["codec", "batch", "batches", "input B", "compressed B", "ratio",
                                    "p5", "p50", "p95", "B/tx in", "B/tx out", "comp MB/s", "dec MB/s"])
        for r in results {
            t.rows.append([
                r.codec.description, r.batch.description, NumberFormat.grouped(r.batches),
                NumberFormat.grouped(r.inputBytes), NumberFormat.grouped(r.compressedBytes),
                NumberFormat.fixed(r.ratio, 4), NumberFormat.fixed(r.ratioP5, 4), NumberFormat.fixed(r.ratioP50, 4),
                NumberFormat.fixed(r.ratioP95, 4), NumberFormat.fixed(r.bytesPerTx, 1), NumberFormat.fixed(r.compressedBytesPerTx, 1),
                r.compressMBs.map { NumberFormat.fixed($0, 1) } ?? "-", r.decompressMBs.map { NumberFormat.fixed($0, 1) } ?? "-",
            ])
        }
        return t
    }
}

extension CompressionProfile {
    /// For a report's assumptions: how a sampled profile was measured and how precise its ratios are; nil
    /// when every batch was measured.
    public var samplingNote: String? {
        guard let plan = sampling else { return nil }
        let sampledResults = results.filter { r in r.ratioStandardError.map { $0 > 0 } ?? false }
        let worst = sampledResults.max { ($0.ratioStandardError ?? 0) / max($0.ratio, 1e-12) < ($1.ratioStandardError ?? 0) / max($1.ratio, 1e-12) }
        // An extrapolated size's batches were not compressed: they are the carrier's, counted there.
        let compressed = sampledResults.filter { $0.extrapolatedFrom == nil }
        let drawn = compressed.reduce(0) { $0 + ($1.sampledBatches ?? 0) }, all = compressed.reduce(0) { $0 + $1.batches }
        var line = "Compression ratios are ESTIMATED from a sample of the trace's batches (seed \(plan.seed), \(plan.strata) strata, "
            + "ratio estimator on \(plan.auxiliary), measured on every batch): \(NumberFormat.grouped(drawn)) of \(NumberFormat.grouped(all)) batches "
            + "compressed with the sampled codecs, at the \(Set(results.map(\.batch)).count) batch sizes the scenario can use"
        if let w = worst, let se = w.ratioStandardError {
            line += "; the largest standard error is \(NumberFormat.compact(se / w.ratio * 100, 2))% of the ratio (\(w.codec) at \(w.batch))"
        }
        line += " (target \(NumberFormat.compact(plan.targetRelativeStandardError * 100, 2))%)."
        let extrapolated = Set(results.filter { $0.extrapolatedFrom != nil }.map(\.batch)).sorted { ($0.byteCount ?? 0) < ($1.byteCount ?? 0) }
        if let from = results.first(where: { $0.extrapolatedFrom != nil })?.extrapolatedFrom, from.count == 2 {
            line += " Batch sizes \(extrapolated.map(\.description).joined(separator: ", ")) are a MODEL, not measured: past the codecs' "
                + "match windows each sampled batch is carried along its growth from \(BatchTarget.bytes(from[0])) to \(BatchTarget.bytes(from[1])) "
                + "(within 0.11% of --exact and of direct sampling on the synthetic traces the README names)."
        }
        return line + " `--exact` measures every batch."
    }
}
