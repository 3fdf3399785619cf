import Foundation

/// A parsed JSON document as a tree of values, for code that keeps or builds documents (recorded
/// chains, requests to the loopback node). Numbers keep their text, so a 256-bit quantity or a
/// block number is never rounded through a `Double`. Built from a `JSONTape`, which hot paths read
/// directly.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number as written (validated JSON grammar).
    case number(String)
    case string(JSONString)
    case array([JSONValue])
    case object(JSONObject)

    /// Parses exactly one JSON value (surrounding whitespace allowed). Strings share `bytes`.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONTape(parsing: bytes).value(at: 0)
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        try parse(Array(bytes))
    }

    public var object: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var string: String? { if case .string(let s) = self { return s.string }; return nil }
    public var isNull: Bool { self == .null }

    /// A non-negative integer written as a JSON number or a hex (`"0x1a"`) or decimal string.
    public var uint64: UInt64? {
        switch self {
        case .number(var text): return text.withUTF8 { JSONString.unsignedInteger($0, hexAllowed: false) }
        case .string(let js): return js.uint64
        default: return nil
        }
    }

    /// "an object", "a string", … for error messages.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object: members in document order. Lookup is linear, which beats hashing for the
/// twenty-odd keys of a transaction or block.
public struct JSONObject: Equatable, Sendable {
    public var members: [(key: JSONString, value: JSONValue)]

    public init(_ members: [(key: JSONString, value: JSONValue)] = []) { self.members = members }

    /// The value of `key`, nil when absent (a JSON `null` is returned as `.null`).
    public subscript(key: String) -> JSONValue? {
        // Through the buffer, members are borrowed: iterating the array itself would copy (and
        // retain and release) every key and value on the way to the one asked for.
        // Lengths first: most keys differ in length, and a length is a load, not a compare.
        var k = key
        return k.withUTF8 { want in
            members.withUnsafeBufferPointer { b in
                for i in b.indices where b[i].key.count == want.count && b[i].key.withUTF8({ $0.elementsEqual(want) }) {
                    return b[i].value
                }
                return nil
            }
        }
    }

    /// The value of `key` unless it is absent or null.
    public func present(_ key: String) -> JSONValue? {
        guard let v = self[key], v != .null else { return nil }
        return v
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
