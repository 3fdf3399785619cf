/// A ZK Stack state-diff trace: what each transaction changed rather than what it said, one JSON object
/// a line (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`):
///
///     {"writes": [{"address": "0x…", "key": "0x…", "before": "0x…", "after": "0x…", "initial": false}],
///      "l2_to_l1_logs": 0, "messages": ["0x…"], "bytecodes": ["0x…"]}
///
/// `writes` are the storage slots the transaction changed (a prestate tracer's diff: `before` may be
/// left out for a slot that was zero), `initial` whether the slot had never been written (zkSync then
/// publishes its 32-byte derived key, else its 4-byte enumeration index); `l2_to_l1_logs` counts the
/// transaction's user logs to L1, `messages` their bodies, `bytecodes` the bytecodes it published.
/// `StateDiffTrace.batches` turns the lines into zkSync batch pubdata with the real compression.
public enum StateDiffTrace {
    /// One batch as zkSync would publish it, measured.
    public struct Batch: Equatable, Sendable {
        public var transactions = 0
        /// Slots written in the batch (each once, whatever the number of writes to it).
        public var slots = 0
        public var pubdataBytes = 0
    }

    /// The batches of the trace at `path`, sealed as zkSync's batcher does before either limit would be
    /// passed (transaction slots, pubdata bytes; `ZKStack` defaults). A slot written several times in a
    /// batch is published once, with its first `before` and last `after`.
    public static func batches(path: String, transactionSlots: Int = ZKStack.transactionSlots,
                               maxPubdata: Int = ZKStack.maxPubdataPerBatch) throws -> [Batch] {
        let lines = LineReader(try FileSource(path: path), path: path)
        var out = [Batch](), open = Open()
        while let line = try lines.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0d }) { continue }
            let tx = try parse(line, path: path, line: lines.lineNumber)
            var change = open.applying(tx)
            if open.transactions > 0 && (open.transactions + 1 > transactionSlots || open.pubdata(adding: tx, change) > maxPubdata) {
                out.append(try seal(open, path: path, line: lines.lineNumber - 1))
                open = Open()
                change = open.applying(tx)
            }
            open.add(tx, change)
        }
        if open.transactions > 0 { out.append(try seal(open, path: path, line: lines.lineNumber)) }
        guard !out.isEmpty else { throw TraceError.empty(path: path) }
        return out
    }

    /// The batch `open` as published; a batch zkSync's format cannot carry is named by its last line.
    static func seal(_ open: Open, path: String, line: Int) throws -> Batch {
        do { return try open.batch() }
        catch let e as ZKStackPubdata.Failure { throw TraceError.badLine(path: path, line: line, field: nil, problem: "the batch ending here: \(e.problem)") }
    }

    /// One transaction's effects.
    struct Effects {
        var writes: [(slot: [UInt8], before: [UInt8], after: [UInt8], initial: Bool)] = []
        var logs = 0
        var messageSizes = [Int](), bytecodeSizes = [Int]()
    }

    /// The batch being filled, with its pubdata size kept as it grows (a batch holds thousands of
    /// transactions: compressing it again for each would be quadratic).
    struct Open {
        struct Slot { var index: Int, before: [UInt8], after: [UInt8], initial: Bool, size: Int }
        var transactions = 0
        var slots: [[UInt8]: Slot] = [:]
        var logs = 0
        var messageSizes = [Int](), bytecodeSizes = [Int]()
        /// Bytes of the compressed diffs after the header and the initial-write count, and of the messages
        /// and bytecodes with their 4-byte lengths.
        var diffBytes = 0, sideBytes = 0

        static func size(_ s: Slot) -> Int {
            (s.initial ? 32 : Int(ZKStackPubdata.bytesPerEnumerationIndex)) + ZKStackPubdata.compressValue(from: s.before, to: s.after).count
        }

        /// The slots `e` leaves, and the change in `diffBytes`, without changing the batch.
        func applying(_ e: Effects) -> (slots: [[UInt8]: Slot], delta: Int) {
            var touched = [[UInt8]: Slot](), delta = 0, next = slots.count
            for w in e.writes {
                if var s = touched[w.slot] ?? slots[w.slot] {
                    let old = s.size
                    s.after = w.after
                    s.size = Self.size(s)
                    delta += s.size - old
                    touched[w.slot] = s
                } else {
                    var s = Slot(index: next, before: w.before, after: w.after, initial: w.initial, size: 0)
                    s.size = Self.size(s)
                    next += 1
                    delta += s.size
                    touched[w.slot] = s
                }
            }
            return (touched, delta)
        }

        /// Messages and bytecodes of `e` with their 4-byte lengths.
        static func sideBytes(_ e: Effects) -> Int { (e.messageSizes + e.bytecodeSizes).reduce(0) { $0 + 4 + $1 } }

        /// Pubdata bytes with `e` added, `change` being `applying(e)` (the layout of
        /// `ZKStackPubdata.pubdataSize`, kept as running sums).
        func pubdata(adding e: Effects, _ change: (slots: [[UInt8]: Slot], delta: Int)) -> Int {
            ZKStackPubdata.pubdataSize(logs: logs + e.logs, messageSizes: [], bytecodeSizes: [], compressedStateDiffs: 5 + 2 + diffBytes + change.delta)
                + sideBytes + Self.sideBytes(e)
        }

        mutating func add(_ e: Effects, _ change: (slots: [[UInt8]: Slot], delta: Int)) {
            for (k, v) in change.slots { slots[k] = v }
            diffBytes += change.delta
            transactions += 1
            logs += e.logs
            messageSizes += e.messageSizes; bytecodeSizes += e.bytecodeSizes
            sideBytes += Self.sideBytes(e)
        }

        /// The batch, its state diffs compressed for real (keys stand in for the real ones: the derived
        /// key is Blake2s of the slot, here its Keccak, the same 32 bytes; indexes count up, the same 4).
        func batch() throws -> Batch {
            let diffs = slots.sorted { $0.value.index < $1.value.index }.map { slot, s in
                ZKStackPubdata.StateDiff(address: Array(slot.prefix(20)), key: Array(slot.suffix(32)), derivedKey: Keccak256.hash(slot),
                                         enumerationIndex: s.initial ? 0 : UInt64(s.index + 1), initialValue: s.before, finalValue: s.after)
            }
            let compressed = try ZKStackPubdata.compress(diffs)
            return Batch(transactions: transactions, slots: slots.count,
                         pubdataBytes: ZKStackPubdata.pubdataSize(logs: logs, messageSizes: messageSizes, bytecodeSizes: bytecodeSizes,
                                                                   compressedStateDiffs: compressed.count))
        }
    }

    static func parse(_ line: UnsafeBufferPointer<UInt8>, path: String, line n: Int) throws -> Effects {
        func fail(_ field: String?, _ problem: String) -> TraceError { .badLine(path: path, line: n, field: field, problem: problem) }
        let value: JSONValue
        do { value = try JSONValue.parse(line) } catch { throw fail(nil, "not a JSON object: \(error)") }
        guard let o = value.object else { throw fail(nil, "expected a JSON object with \"writes\", got \(value.kindDescription)") }
        let known: Set<String> = ["writes", "l2_to_l1_logs", "messages", "bytecodes", "tx", "hash"]
        if let unknown = o.members.first(where: { !known.contains($0.key.string) }) {
            throw fail(String(unknown.key.string.prefix(40)), "unknown field (expected writes, l2_to_l1_logs, messages, bytecodes)")
        }
        func hex(_ v: JSONValue?, _ field: String, bytes: ClosedRange<Int>) throws -> [UInt8] {
            // Quantities may come with an odd number of digits (`0x1`), as JSON-RPC writes them.
            guard let b = Hex.decodeQuantity(v?.string ?? ""), bytes.contains(b.count) else {
                throw fail(field, "expected 0x-prefixed hex of \(bytes.lowerBound == bytes.upperBound ? "\(bytes.lowerBound)" : "\(bytes.lowerBound)–\(bytes.upperBound)") bytes")
            }
            return b
        }
        func word(_ v: JSONValue?, _ field: String) throws -> [UInt8] {
            let b = try hex(v, field, bytes: 0...32)
            return [UInt8](repeating: 0, count: 32 - b.count) + b
        }
        var e = Effects()
        guard let writes = o["writes"]?.array else { throw fail("writes", "expected an array of storage writes") }
        for (i, w) in writes.enumerated() {
            let f = "writes[\(i)]"
            guard let wo = w.object else { throw fail(f, "expected an object with address, key, after, initial") }
            let address = try hex(wo["address"], f + ".address", bytes: 20...20)
            let key = try word(wo["key"], f + ".key"), after = try word(wo["after"], f + ".after")
            let before = wo["before"] == nil ? [UInt8](repeating: 0, count: 32) : try word(wo["before"], f + ".before")
            guard case .bool(let initial)? = wo["initial"] else { throw fail(f + ".initial", "expected true or false") }
            e.writes.append((address + key, before, after, initial))
        }
        if let l = o["l2_to_l1_logs"] {
            guard let count = l.uint64, count <= 100_000 else { throw fail("l2_to_l1_logs", "expected a count 0…100000") }
            e.logs = Int(count)
        }
        for (field, keyPath) in [("messages", \Effects.messageSizes), ("bytecodes", \Effects.bytecodeSizes)] {
            guard let list = o[field] else { continue }
            guard let items = list.array else { throw fail(field, "expected an array of 0x-prefixed hex") }
            for (i, item) in items.enumerated() { e[keyPath: keyPath].append(try hex(item, "\(field)[\(i)]", bytes: 0...2_097_120).count) }
        }
        return e
    }
}
