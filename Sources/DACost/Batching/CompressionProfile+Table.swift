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
