/// Why a fetch stopped. Every message is already redacted: it names blocks, methods and the
/// endpoint's host, never a URL path, query or header value.
public enum FetchError: Error, CustomStringConvertible, Equatable {
    /// A bad `--rpc` or `--header`.
    case badEndpoint(String)
    /// A bad command-line choice (range, file name).
    case badRequest(String)
    /// Every attempt failed with a retryable problem; `last` is the last one.
    case gaveUp(endpoint: String, attempts: Int, last: String)
    /// An HTTP status that retrying will not change (401, 403, 404, …).
    case http(endpoint: String, status: Int, detail: String)
    /// A JSON-RPC error that retrying will not change (invalid params, method not found).
    case rpc(endpoint: String, method: String, code: Int, message: String)
    /// A block object that is not what the fetch needs.
    case badBlock(number: UInt64, field: String, problem: String)
    /// A re-encoded transaction does not hash to the node's `hash`.
    case hashMismatch(block: UInt64, index: Int, claimed: String, computed: String)
    /// `parentHash` of `block` is not the hash of the block before it: a gap or a reorg.
    case discontinuity(block: UInt64, parentHash: String, previousHash: String)
    /// A checkpoint that cannot be resumed from.
    case checkpoint(path: String, problem: String)

    /// True for problems of the request itself (exit 2), false for what the network or node did (exit 3).
    public var isUsageError: Bool {
        switch self {
        case .badEndpoint, .badRequest, .checkpoint: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .badEndpoint(let s): return "bad RPC endpoint: \(s)"
        case .badRequest(let s): return s
        case .gaveUp(let e, let n, let last):
            return "\(e): gave up after \(n) attempts; last problem: \(last)"
        case .http(let e, let status, let detail):
            return "\(e): HTTP \(status)\(detail.isEmpty ? "" : " (\(detail))"), which retrying will not change"
        case .rpc(let e, let method, let code, let message):
            return "\(e): \(method) failed with JSON-RPC error \(code): \(message)"
        case .badBlock(let n, let field, let problem):
            return "block \(n): field '\(field)': \(problem)"
        case .hashMismatch(let b, let i, let claimed, let computed):
            return "block \(b), transaction \(i) (\(claimed)): the re-encoded signed bytes hash to \(computed); refusing to write a transaction that is not the node's"
        case .discontinuity(let b, let parent, let previous):
            return "block \(b): parentHash \(parent) is not the hash of block \(b - 1) (\(previous)): a gap or a reorg in the range; fetch a finalized range, or re-run to resume from the checkpoint"
        case .checkpoint(let path, let problem): return "\(path): \(problem)"
        }
    }
}
