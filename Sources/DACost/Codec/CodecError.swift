/// What went wrong inside a codec or with a codec name.
public enum CodecError: Error, CustomStringConvertible, Equatable {
    case badName(String, expected: String)
    case library(codec: String, call: String, message: String)
    case corrupt(codec: String, reason: String)
    case roundTripMismatch(codec: String, batch: Int, offset: Int)
    case dictionaryMissing(codec: String)

    public var description: String {
        switch self {
        case .badName(let n, let e): return "unknown codec '\(n)': expected \(e)"
        case .library(let c, let call, let m): return "\(c): \(call) failed: \(m)"
        case .corrupt(let c, let r): return "\(c): corrupt compressed data: \(r)"
        case .roundTripMismatch(let c, let b, let o):
            return "\(c): decompressed batch \(b) differs from the input at byte \(o) (codec round trip broken)"
        case .dictionaryMissing(let c): return "\(c) needs a dictionary: pass --zstd-dict FILE (make one with `dacost train-dict`)"
        }
    }
}
