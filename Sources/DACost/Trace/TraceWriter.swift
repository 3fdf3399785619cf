/// Writes transactions as a trace file, atomically: `.hex` (one 0x-hex transaction per line) or
/// `.jsonl` (`{"raw": …}` objects with block and timestamp when known), compressed when the name
/// ends in `.gz` or `.zst`. A failure leaves no file under the name.
public enum TraceWriter {
    /// Calls `body` with a sink for transactions; returns the total signed bytes written.
    @discardableResult
    public static func write(to path: String, header: String? = nil,
                             _ body: ((Transaction) throws -> Void) throws -> Void) throws -> Int {
        let lower = path.lowercased()
        let compressor: Compressor?
        if lower.hasSuffix(".gz") {
            compressor = try ZlibCodec.Compressor(id: .zlib(6), level: 6, format: .gzip)
        } else if lower.hasSuffix(".zst") || lower.hasSuffix(".zstd") {
            compressor = try ZstdCodec.Compressor(id: .zstd(3), dictionary: nil)
        } else {
            compressor = nil
        }
        let format = TraceReader.format(forName: path) ?? .hex
        var file = try AtomicFile(path: path)
        let text = ByteBuffer(capacity: 1 << 20), packed = ByteBuffer(capacity: 1 << 20)
        var total = 0
        func flush(final: Bool) throws {
            if let c = compressor {
                try c.write(text.bytes, into: packed)
                if final { try c.end(into: packed) }
                try file.write(packed.bytes)
                packed.removeAll()
            } else {
                try file.write(text.bytes)
            }
            text.removeAll()
        }
        do {
            try compressor?.begin(pledgedSize: nil)
            if let header, format == .hex {
                for line in header.split(separator: "\n", omittingEmptySubsequences: false) { text.append(Array("# \(line)\n".utf8)) }
            }
            try body { tx in
                total += tx.bytes.count
                switch format {
                case .hex:
                    text.append(Array("0x".utf8)); text.append(Array(Hex.encode(tx.bytes).utf8)); text.append(byte: 0x0a)
                case .jsonl:
                    var line = "{"
                    if let b = tx.block { line += "\"block\":\(b)," }
                    if let t = tx.timestamp { line += "\"timestamp\":\(t)," }
                    line += "\"raw\":\"0x\(Hex.encode(tx.bytes))\"}\n"
                    text.append(Array(line.utf8))
                }
                if text.count >= 1 << 20 { try flush(final: false) }
            }
            try flush(final: true)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        return total
    }
}
