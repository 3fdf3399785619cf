/// Why a trace cannot be read. Each message names the file and, where there is one, the line and
/// field, and says what was expected.
public enum TraceError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case badLine(path: String, line: Int, field: String?, problem: String)
    case truncatedCompression(path: String, format: String, reason: String)
    case badOption(String)

    public var description: String {
        switch self {
        case .fileNotFound(let p): return "\(p): no such file"
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .empty(let p): return "\(p): no transactions in the file (expected at least one signed transaction)"
        case .badLine(let p, let l, let f, let problem):
            return "\(p):\(l): " + (f.map { "field '\($0)': " } ?? "") + problem
        case .truncatedCompression(let p, let f, let r): return "\(p): the \(f) stream is damaged or truncated: \(r)"
        case .badOption(let m): return m
        }
    }
}
