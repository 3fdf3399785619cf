import Foundation

/// Reads a trace file as a stream of transactions, one line at a time, never holding the file
/// (but for a JSON document laid out over many lines):
/// - `.hex`/`.txt`: one signed EIP-2718 transaction per line in hex (with or without `0x`);
/// - `.jsonl`: one JSON value per line: `{"raw": "0x…"}` (optional `block`, `timestamp`), a
///   transaction object as JSON-RPC returns it (re-encoded to its signed bytes), a block with its
///   transaction objects (`eth_getBlockByNumber(n, true)`), a JSON-RPC response carrying one, or an
///   array of any of these (a batch response);
/// - a block dump as one JSON document over many lines (pretty-printed): the same values, read
///   whole, since a document cannot be split at line ends;
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
    private let file: FileSource
    /// Bytes of the file read so far (compressed bytes for a compressed trace), for progress.
    public var fileBytesRead: Int { file.bytesRead }
    /// The file's size, when it is a regular file (not a pipe).
    public var fileBytes: Int? { file.size }
    private var scratch = [UInt8]()
    /// Transactions of a block or document read but not yet returned.
    private var queue: [Transaction] = []
    private var queued = 0
    /// Lines with content so far: only the first may open a document spread over many lines.
    private var contentLines = 0
    /// A document read whole: its text, and the offset and line errors are counted on from.
    private var document: (text: [UInt8], offset: Int, line: Int)?

    public init(path: String) throws {
        self.path = path
        let file = try FileSource(path: path)
        self.file = file
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
        lines = LineReader(source, path: path)
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
        while true {
            if queued < queue.count {
                let tx = queue[queued]
                queued += 1
                if tx.type == .deposit { depositsSkipped += 1; continue }
                transactionsRead += 1
                return tx
            }
            queue.removeAll(keepingCapacity: true); queued = 0
            guard let line = try lines.next() else { break }
            let trimmed = Self.trim(line)
            guard let first = trimmed.first, first != UInt8(ascii: "#") else { continue }
            contentLines += 1
            let fmt: Format
            if let f = format { fmt = f } else {
                fmt = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .jsonl : .hex
                format = fmt
            }
            let tx: Transaction
            switch fmt {
            case .hex: tx = try hexTransaction(trimmed, column: trimmed.baseAddress! - line.baseAddress!) // allowed: non-empty line
            case .jsonl:
                guard let single = try jsonLine(trimmed) else { continue } // a block's transactions were queued
                tx = single
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
        .badLine(path: path, line: document?.line ?? lines.lineNumber, field: field, problem: problem)
    }

    /// In a document, errors name the line where `element` starts (counted on from the last one).
    private func locate(_ element: JSONElement) {
        guard var d = document, element.offset >= d.offset else { return }
        d.line += Self.lineBreaks(d.text[d.offset..<element.offset])
        d.offset = element.offset
        document = d
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

    /// One line of JSON: a transaction is returned; a block, a response or an array has its
    /// transactions queued (nil). A first line that is only the start of a JSON value begins a
    /// document laid out over many lines, read whole.
    private func jsonLine(_ text: UnsafeBufferPointer<UInt8>) throws -> Transaction? {
        let tape: JSONTape
        do { tape = try JSONTape(parsing: Array(text)) }
        catch let e as JSONParseError {
            if e.offset >= text.count, contentLines == 1 {
                return try readDocument(from: text)
            }
            throw fail(nil, "expected a JSON object, got text that is not valid JSON (\(e))")
        }
        return try tape.withRoot { root in
            // `{"raw": …}` lines (what `fetch txs` writes) first, with one lookup.
            if root.isObject, root["raw"] != nil || (root.present("transactions") == nil && root["result"] == nil && root.present("error") == nil) {
                return try transaction(root, at: "", block: nil, timestamp: nil)
            }
            try collect(root, at: "")
            return nil
        }
    }

    private func readDocument(from text: UnsafeBufferPointer<UInt8>) throws -> Transaction? {
        let whole = try lines.remainder(from: text)
        let first = lines.lineNumber
        document = (whole, 0, first)
        let tape: JSONTape
        do { tape = try JSONTape(parsing: whole) }
        catch let e as JSONParseError {
            // Text that ends too soon is reported on its last line with content.
            var at = min(e.offset, whole.count)
            if at == whole.count { while at > 0, JSONTape.isSpace(whole[at - 1]) { at -= 1 } }
            let line = first + Self.lineBreaks(whole[..<at])
            document = nil
            throw TraceError.badLine(path: path, line: line, field: nil,
                                     problem: "expected JSON (a value per line, or one document over many lines), got text that is not valid JSON (\(e.problem))")
        }
        try tape.withRoot { try collect($0, at: "") }
        document = nil
        return nil
    }

    /// Queues the transactions of a block, a JSON-RPC response, an array of either, or a
    /// transaction object. `path` names the value in errors (`[2].result.transactions[5]`).
    private func collect(_ value: JSONElement, at path: String) throws {
        locate(value)
        func field(_ key: String) -> String { Self.field(key, in: path) }
        if value.isArray {
            for (i, item) in value.items.enumerated() { try collect(item, at: path + "[\(i)]") }
            return
        }
        guard value.isObject else {
            throw fail(path.isEmpty ? nil : path, "expected a block, a transaction or a JSON-RPC response, got \(value.kindDescription)")
        }
        if let error = value.present("error") {
            let message = error["message"]?.string.map { ": \($0)" } ?? ""
            throw fail(field("error"), "the JSON-RPC response is an error\(message), not a block")
        }
        if let result = value["result"] {
            guard !result.isNull else { throw fail(field("result"), "the JSON-RPC response carries no block (null: past the node's head?)") }
            try collect(result, at: field("result"))
            return
        }
        guard let txs = value.present("transactions") else {
            queue.append(try transaction(value, at: path, block: nil, timestamp: nil))
            return
        }
        guard txs.isArray else { throw fail(field("transactions"), "expected an array of transaction objects") }
        let number = try optionalInteger(value, ["number"], at: path)
        let timestamp = try optionalInteger(value, ["timestamp"], at: path)
        for (i, tx) in txs.items.enumerated() {
            let at = field("transactions[\(i)]")
            locate(tx)
            guard tx.isObject else {
                throw fail(at, tx.isString ? "expected a transaction object, got a hash: dump blocks with their transactions (eth_getBlockByNumber(n, true))"
                                           : "expected a transaction object, got \(tx.kindDescription)")
            }
            queue.append(try transaction(tx, at: at, block: number, timestamp: timestamp))
        }
    }

    /// A `{"raw": …}` object or a JSON-RPC transaction object; `block` and `timestamp` are those
    /// of the block it came in, where the object does not say.
    private func transaction(_ object: JSONElement, at path: String, block inBlock: UInt64?, timestamp inBlockTime: UInt64?) throws -> Transaction {
        func field(_ key: String?) -> String? { key.map { Self.field($0, in: path) } ?? (path.isEmpty ? nil : path) }
        let block = try optionalInteger(object, ["block", "blockNumber"], at: path) ?? inBlock
        let timestamp = try optionalInteger(object, ["timestamp"], at: path) ?? inBlockTime
        // A member named twice: which one a reader keeps is not defined, so the line does not say what it means.
        var names = [String]()
        for (key, _) in object.members {
            let name = key.string ?? ""
            if names.contains(name) { locate(key); throw fail(field(name), "expected each member once in a transaction object, got \"\(name.prefix(40))\" twice") }
            names.append(name)
        }
        if let raw = object["raw"] {
            locate(raw)
            guard var s = raw.string else { throw fail(field("raw"), "expected a 0x-prefixed hex string") }
            var bytes = [UInt8]()
            let problem = s.withUTF8 { Hex.decode($0, into: &bytes) }
            if let problem { throw fail(field("raw"), "expected hex-encoded transaction bytes: \(problem)") }
            let type = try validated(bytes, field: field("raw"))
            return Transaction(bytes: bytes, type: type, block: block, timestamp: timestamp)
        }
        let type: TransactionType, bytes: [UInt8]
        do {
            (type, bytes) = try RPCTransactionEncoder.encode(object)
        } catch let e as TransactionDecodeError {
            if let f = e.field, let value = object[f] { locate(value) } // in a document: the field's own line
            if e.field == nil || (object["nonce"] == nil && object["type"] == nil && object["hash"] == nil) {
                throw fail(field(e.field), "expected {\"raw\": \"0x…\"} or a JSON-RPC transaction object: \(e.problem)")
            }
            throw fail(field(e.field), e.problem)
        }
        if type == .deposit { return Transaction(bytes: bytes, type: type, block: block, timestamp: timestamp) }
        _ = try validated(bytes, field: field(nil))
        if let h = object["hash"], h.isString {
            let computed = Keccak256.hash(bytes)
            guard h.isHex(of: computed) else {
                locate(h)
                throw fail(field("hash"), "the re-encoded \(type) transaction hashes to 0x\(Hex.encode(computed)), the object says \(h.string ?? "")")
            }
            hashesChecked += 1
        }
        return Transaction(bytes: bytes, type: type, block: block, timestamp: timestamp)
    }

    private func optionalInteger(_ object: JSONElement, _ keys: [String], at path: String) throws -> UInt64? {
        for key in keys {
            guard let v = object.present(key) else { continue }
            if let n = v.uint64 { return n }
            throw fail(Self.field(key, in: path), "expected a non-negative integer or hex quantity")
        }
        return nil
    }

    private static func lineBreaks(_ text: ArraySlice<UInt8>) -> Int { text.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) } }

    /// `key` of the value at `path` as errors name it (`[0].result.transactions[3].nonce`).
    private static func field(_ key: String, in path: String) -> String { path.isEmpty ? key : path + "." + key }
}
