import Foundation

/// A parsed JSON document. Numbers keep their text, so a 256-bit quantity or a block number is never
/// rounded through a `Double`. Built for the hot path of traces and RPC responses (a block of 100
/// transactions is ~100 kB of JSON, thousands of them a second), where `JSONSerialization`'s boxed
/// `NSDictionary` values cost several times more.
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
        try bytes.withUnsafeBufferPointer { b in
            var p = JSONParser(b, document: bytes)
            return try p.document()
        }
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
        case .number(let text): return UInt64(text)
        case .string(let js):
            let s = js.string
            if js.hasHexPrefix { return s.utf8.count > 2 ? UInt64(s.dropFirst(2), radix: 16) : nil }
            return UInt64(s)
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

/// Where and why text is not JSON.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// Byte offset from the start of the text.
    public let offset: Int
    public let problem: String
    public var description: String { "at byte \(offset): \(problem)" }
}

/// Recursive-descent parser over bytes; nesting is capped so hostile input cannot exhaust the stack.
struct JSONParser {
    private let b: UnsafeBufferPointer<UInt8>
    /// The same bytes as an array, which string slices keep alive.
    private let documentBytes: [UInt8]
    private var i = 0
    private var depth = 0
    private static let maxDepth = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>, document: [UInt8]) { b = bytes; documentBytes = document }

    mutating func document() throws -> JSONValue {
        let v = try value()
        skipSpace()
        guard i == b.count else { throw fail("expected the end of the text after the JSON value") }
        return v
    }

    private func fail(_ problem: String) -> JSONParseError { JSONParseError(offset: i, problem: problem) }

    private mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 else { return }
            i += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        skipSpace()
        guard i < b.count else { throw fail("expected a JSON value, got the end of the text") }
        switch b[i] {
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a JSON value, got '\(Character(Unicode.Scalar(b[i])))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("expected '\(word)'") }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw fail("expected '\(word)'") }
        i += n
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func object() throws -> JSONObject {
        try enter(); defer { depth -= 1 }
        i += 1
        var members: [(key: JSONString, value: JSONValue)] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return JSONObject(members) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted member name") }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the member name \"\(key)\"") }
            i += 1
            members.append((key, try value()))
            skipSpace()
            guard i < b.count else { throw fail("expected ',' or '}', got the end of the text") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; return JSONObject(members) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func array() throws -> [JSONValue] {
        try enter(); defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return items }
        while true {
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw fail("expected ',' or ']', got the end of the text") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; return items }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func string() throws -> JSONString {
        i += 1
        let start = i
        // Fast path: no escapes (every hex string of a block). memchr finds the closing quote with
        // SIMD; a word-at-a-time scan then rules out backslashes and control characters.
        if let base = b.baseAddress, let q = memchr(base + start, 0x22, b.count - start) {
            let end = start + UnsafeRawPointer(base + start).distance(to: UnsafeRawPointer(q))
            if Self.plain(base + start, end - start) {
                i = end + 1
                return JSONString(document: documentBytes, start: start, count: end - start)
            }
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return JSONString(document: documentBytes, start: start, count: i - 1 - start)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            i += 1
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                // Decoded text, checked as UTF-8 (escapes may have made any scalar).
                return JSONString(String(decoding: out, as: UTF8.self))
            }
            if c < 0x20 { throw fail("control character in a string (it must be escaped)") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { break }
            let e = b[i]; i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired UTF-16 surrogate in \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired UTF-16 surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        throw fail("unterminated string")
    }

    /// True when no byte is a backslash or below 0x20 (the bytes a JSON string must escape).
    private static func plain(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let low: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var k = 0
        while k + 8 <= n {
            let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            let slash = w ^ (low &* 0x5c)
            // "has a byte below 0x20" and "has a zero byte" (after xor with '\\'), for bytes < 0x80.
            if ((w &- low &* 0x20) | (slash &- low)) & ~w & high != 0 { return false }
            k += 8
        }
        while k < n {
            if p[k] < 0x20 || p[k] == 0x5c { return false }
            k += 1
        }
        return true
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw fail("expected four hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw fail("expected four hex digits after \\u")
            }
            v = v << 4 | UInt32(d); i += 1
        }
        return v
    }

    private mutating func number() throws -> String {
        let start = i
        func digits() -> Int { let s = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - s }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let n = digits()
        guard n > 0 else { throw fail("expected digits in a number") }
        if n > 1, b[intStart] == UInt8(ascii: "0") { throw fail("a number may not have leading zeros") }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("expected digits after the decimal point") }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
    }
}
