/// Why a scenario cannot be used: the file, the key path, what was expected and what was found.
public enum ScenarioError: Error, CustomStringConvertible, Equatable {
    case invalid(file: String, keyPath: String, expected: String, got: String)
    case unknownKey(file: String, keyPath: String, allowed: [String])
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let f, let k, let e, let g): return "\(f): \(k): expected \(e), got \(g)"
        case .unknownKey(let f, let k, let allowed): return "\(f): \(k): unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))"
        case .unreadable(let f, let r): return "\(f): \(r)"
        }
    }
}
