import Foundation

/// Reads a trace file as a stream of transactions, one line at a time, never holding the file:
/// - `.hex`/`.txt`: one signed EIP-2718 transaction per line in hex (with or without `0x`);
/// - `.jsonl`: one JSON object per line, `{"raw": "0x…"}` (optional `block`, `timestamp`) or a
///   transaction object as JSON-RPC returns it, re-encoded to its signed bytes;
/// - either of them compressed with gzip or zstd (found by the magic bytes, whatever the name).
/// Blank lines and `#` comment lines are skipped. OP deposit transactions are skipped and counted:
/// batchers do not post them.
public final class TraceReader {
    public enum Format: String, Sendable { case hex, jsonl }

    public let path: String
    public private(set) var format: Format?
    /// gzip, zstd or nil.
    public let compression: String?
    public private(set) var transactionsRead = 0
    public private(set) var depositsSkipped = 0
    /// Hash checks done against the `hash` field of RPC objects.
    public private(set) var hashesChecked = 0

    private let lines: LineReader
    private var scratch = [UInt8]()

    public init(path: String) throws {
        self.path = path
        let file = try FileSource(path: path)
        let magic = try Self.magic(path)
        var source: ByteSource = file
        if magic.starts(with: [0x1f, 0x8b]) {
            compression = "gzip"
            let d = try ZlibCodec.Decompressor(id: .zlib(9), format: .gzip)
            source = try DecompressingSource(file, decompressor: d, path: path, format: "gzip")
        } else if magic.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) {
            compression = "zstd"
            let d = try ZstdCodec.Decompressor(id: .zstd(3), dictionary: nil)
            source = try DecompressingSource(file, decompressor: d, path: path, format: "zstd")
        } else {
            compression = nil
        }
        lines = LineReader(source)
        format = Self.format(forName: path)
    }

    /// The format implied by a file name, looking past `.gz`/`.zst`; nil when the name does not say.
    public static func format(forName path: String) -> Format? {
        var name = (path as NSString).lastPathComponent.lowercased()
        for ext in [".gz", ".zst", ".zstd"] where name.hasSuffix(ext) { name.removeLast(ext.count) }
        if name.hasSuffix(".hex") || name.hasSuffix(".txt") { return .hex }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonl }
        return nil
    }

    private static func magic(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw TraceError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(f) }
        var m = [UInt8](repeating: 0, count: 4)
        let n = fread(&m, 1, 4, f)
        return Array(m.prefix(n))
    }

    /// The next transaction, or nil at the end. Throws `TraceError` naming the line on bad input.
    public func next() throws -> Transaction? {
        while let line = try lines.next() {
            let trimmed = Self.trim(line)
            guard let first = trimmed.first, first != UInt8(ascii: "#") else { continue }
            let fmt: Format
            if let f = format { fmt = f } else {
                fmt = first == UInt8(ascii: "{") ? .jsonl : .hex
                format = fmt
            }
            let tx: Transaction
            switch fmt {
            case .hex: tx = try hexTransaction(trimmed, column: trimmed.baseAddress! - line.baseAddress!) // allowed: non-empty line
            case .jsonl: tx = try jsonTransaction(trimmed)
            }
            if tx.type == .deposit { depositsSkipped += 1; continue }
            transactionsRead += 1
            return tx
        }
        if transactionsRead == 0 { throw TraceError.empty(path: path) }
        return nil
    }

    /// Calls `body` for each transaction.
    public func forEach(_ body: (Transaction) throws -> Void) throws {
        while let tx = try next() { try body(tx) }
    }

    private func fail(_ field: String?, _ problem: String) -> TraceError {
        .badLine(path: path, line: lines.lineNumber, field: field, problem: problem)
    }

    private static func trim(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard var lo = line.baseAddress else { return line }
        var n = line.count
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0d }
        while n > 0, space(lo[0]) { lo += 1; n -= 1 }
        while n > 0, space(lo[n - 1]) { n -= 1 }
        return UnsafeBufferPointer(start: lo, count: n)
    }

    private func validated(_ bytes: [UInt8], field: String?) throws -> TransactionType {
        do { return try TransactionDecoder.validate(bytes) }
        catch let e as TransactionDecodeError {
            let where_ = e.field.map { "field '\($0)': " } ?? ""
            throw fail(field, "expected a well-formed signed transaction: \(where_)\(e.problem)")
        }
    }

    private func hexTransaction(_ text: UnsafeBufferPointer<UInt8>, column: Int) throws -> Transaction {
        scratch.removeAll(keepingCapacity: true)
        if let problem = Hex.decode(text, into: &scratch, offsetBase: column) {
            throw fail(nil, "expected one hex-encoded transaction per line: \(problem)")
        }
        let bytes = scratch
        let type = try validated(bytes, field: nil)
        return Transaction(bytes: bytes, type: type)
    }

    private func jsonTransaction(_ text: UnsafeBufferPointer<UInt8>) throws -> Transaction {
        let tape: JSONTape
        do { tape = try JSONTape(parsing: Array(text)) }
        catch let e as JSONParseError { throw fail(nil, "expected a JSON object, got text that is not valid JSON (\(e))") }
        return try tape.withRoot { object in
            guard object.isObject else {
                throw fail(nil, "expected a JSON object, got \(object.kindDescription)")
            }
            let block = try optionalInteger(object, ["block", "blockNumber"])
            let timestamp = try optionalInteger(object, ["timestamp"])
            if let raw = object["raw"] {
                guard var s = raw.string else { throw fail("raw", "expected a 0x-prefixed hex string") }
                var bytes = [UInt8]()
                let problem = s.withUTF8 { Hex.decode($0, into: &bytes) }
                if let problem { throw fail("raw", "expected hex-encoded transaction bytes: \(problem)") }
                let type = try validated(bytes, field: "raw")
                return Transaction(bytes: bytes, type: type, block: block, timestamp: timestamp)
            }
            let type: TransactionType, bytes: [UInt8]
            do {
                (type, bytes) = try RPCTransactionEncoder.encode(object)
            } catch let e as TransactionDecodeError {
                if e.field == nil || (object["nonce"] == nil && object["type"] == nil && object["hash"] == nil) {
                    throw fail(e.field, "expected {\"raw\": \"0x…\"} or a JSON-RPC transaction object: \(e.problem)")
                }
                throw fail(e.field, e.problem)
            }
            if type == .deposit { return Transaction(bytes: bytes, type: type, block: block, timestamp: timestamp) }
            _ = try validated(bytes, field: nil)
            if let h = object["hash"], h.isString {
                let computed = Keccak256.hash(bytes)
                guard h.isHex(of: computed) else {
                    throw fail("hash", "the re-encoded \(type) transaction hashes to 0x\(Hex.encode(computed)), the object says \(h.string ?? "")")
                }
                hashesChecked += 1
            }
            return Transaction(bytes: bytes, type: type, block: block, timestamp: timestamp)
        }
    }

    private func optionalInteger(_ object: JSONElement, _ keys: [String]) throws -> UInt64? {
        for key in keys {
            guard let v = object.present(key) else { continue }
            if let n = v.uint64 { return n }
            throw fail(key, "expected a non-negative integer or hex quantity")
        }
        return nil
    }
}
