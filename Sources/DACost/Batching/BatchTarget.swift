/// How a trace is cut into batches before compression.
public enum BatchTarget: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// Consecutive transactions up to this many uncompressed bytes (a transaction is never split; one
    /// larger than the target is a batch of its own).
    case bytes(Int)
    /// The whole trace as one batch.
    case all
    /// Each transaction alone, as per-transaction fee estimators see it.
    case perTransaction

    /// The batch sizes reported by default: a small batch, a typical calldata batch, one full
    /// 6-blob OP channel (6 × 130,020 bytes of channel data ≈ 780k), and the whole trace.
    public static let defaults: [BatchTarget] = [.bytes(16 << 10), .bytes(128 << 10), .bytes(780 << 10), .all]

    /// Parses `16k,128k,780k,all` (k = KiB, m = MiB).
    public static func parseList(_ text: String) throws -> [BatchTarget] {
        var out = [BatchTarget]()
        for raw in text.split(separator: ",") {
            let item = raw.trimmingCharacters(in: " ").lowercased()
            let t = try parse(item, whole: text)
            if !out.contains(t) { out.append(t) }
        }
        guard !out.isEmpty else { throw TraceError.badOption("--batch-sizes: expected a list such as 16k,128k,780k,all") }
        return out
    }

    static func parse(_ item: String, whole: String) throws -> BatchTarget {
        if item == "all" { return .all }
        var digits = Substring(item), unit = 1
        if item.hasSuffix("k") { unit = 1 << 10; digits = digits.dropLast() }
        else if item.hasSuffix("m") { unit = 1 << 20; digits = digits.dropLast() }
        guard let n = Int(digits), n > 0, n <= (1 << 30) / unit else {
            throw TraceError.badOption("--batch-sizes: '\(item)' is not a size: expected a byte count from 1 to 1g with an optional k or m suffix (KiB, MiB), or 'all'")
        }
        return .bytes(n * unit)
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case .perTransaction: return "per-tx"
        case .bytes(let n):
            if n % (1 << 20) == 0 { return "\(n >> 20)m" }
            if n % (1 << 10) == 0 { return "\(n >> 10)k" }
            return "\(n)"
        }
    }

    /// The target in bytes for reports; nil for the whole trace and per transaction.
    public var byteCount: Int? { if case .bytes(let n) = self { return n }; return nil }

    private var order: Int {
        switch self { case .perTransaction: return -1; case .bytes(let n): return n; case .all: return Int.max }
    }
    public static func < (a: BatchTarget, b: BatchTarget) -> Bool { a.order < b.order }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .bytes(n); return }
        let s = try c.decode(String.self)
        self = s == "per-tx" ? .perTransaction : try BatchTarget.parse(s, whole: s)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .bytes(let n): try c.encode(n)
        case .all: try c.encode("all")
        case .perTransaction: try c.encode("per-tx")
        }
    }
}
