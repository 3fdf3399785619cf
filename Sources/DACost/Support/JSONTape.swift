import Foundation

/// A parsed JSON document as a flat list of nodes over its text (a "tape", as simdjson calls it):
/// one validating pass, no value allocated, no reference counted. Strings and numbers are byte
/// ranges of the text; a container records where its subtree ends, so skipping a value is one load.
///
/// It is the one JSON parser of the package: `JSONValue.parse` builds its tree from a tape. Hot
/// paths (a block of 100 transactions is 60–200 kB of JSON, thousands of blocks a second) read the
/// tape directly through `JSONElement`s, which the tree's arrays, enum payloads and retained
/// strings made several times slower.
public struct JSONTape: Sendable {
    /// The document's text.
    public let bytes: [UInt8]
    let nodes: [Node]

    /// One value: 16 bytes.
    struct Node: Sendable {
        /// Byte offset of a string's first character (after the quote), or of any other value's first byte.
        var start: UInt32
        /// Bytes of a string between its quotes (escapes as written), or of the value's text.
        var length: UInt32
        /// Index of the node after this value's subtree.
        var next: UInt32
        var kind: Kind
    }

    enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number
        /// A string without escapes: its bytes are its UTF-8.
        case string
        /// A string with escapes, decoded on demand.
        case escapedString
        case array, object
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed).
    public init(parsing bytes: [UInt8]) throws {
        // 4 GiB of text cannot be addressed by the nodes' 32-bit offsets; no RPC answer comes close.
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError(offset: 0, problem: "the text is larger than 4 GiB")
        }
        self.bytes = bytes
        nodes = try bytes.withUnsafeBufferPointer { b in
            var p = JSONTapeParser(b)
            try p.document()
            return p.nodes
        }
    }

    /// Calls `body` with the document's root. Elements are views of the tape: they must not
    /// escape `body`.
    public func withRoot<R>(_ body: (JSONElement) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { text in
            try nodes.withUnsafeBufferPointer { n in try body(JSONElement(text: text, nodes: n, index: 0)) }
        }
    }

    /// The value at node `index` as a `JSONValue` tree; strings share `bytes`.
    func value(at index: Int) -> JSONValue {
        let n = nodes[index]
        switch n.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number:
            return .number(String(decoding: bytes[Int(n.start)..<Int(n.start + n.length)], as: UTF8.self))
        case .string: return .string(JSONString(document: bytes, start: Int(n.start), count: Int(n.length)))
        case .escapedString: return .string(JSONString(Self.unescaped(bytes, n)))
        case .array:
            var items: [JSONValue] = []
            var i = index + 1
            while i < Int(n.next) { items.append(value(at: i)); i = Int(nodes[i].next) }
            return .array(items)
        case .object:
            var members: [(key: JSONString, value: JSONValue)] = []
            var i = index + 1
            while i < Int(n.next) {
                guard case .string(let key) = value(at: i) else { break } // the parser admits only string keys
                let v = i + 1
                members.append((key, value(at: v)))
                i = Int(nodes[v].next)
            }
            return .object(JSONObject(members))
        }
    }

    /// The decoded text of an escaped string node (validated when parsed, so it cannot fail).
    static func unescaped(_ text: UnsafeBufferPointer<UInt8>, _ n: Node) -> String {
        var out: [UInt8] = []
        _ = try? JSONTapeParser.unescape(text, from: Int(n.start), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func unescaped(_ bytes: [UInt8], _ n: Node) -> String {
        bytes.withUnsafeBufferPointer { unescaped($0, n) }
    }
}

/// Where and why text is not JSON.
extension JSONTape {
    /// JSON's insignificant whitespace: space, line feed, carriage return, tab (RFC 8259, section 2).
    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 }
}

public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// Byte offset from the start of the text.
    public let offset: Int
    public let problem: String
    public var description: String { "at byte \(offset): \(problem)" }
}

/// Recursive-descent parser writing a tape; nesting is capped so hostile input cannot exhaust the stack.
struct JSONTapeParser {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private static let maxDepth = 256
    private(set) var nodes: [JSONTape.Node] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        // About one node per 24 bytes of an RPC block; growing from there is amortised.
        nodes.reserveCapacity(bytes.count / 24 + 4)
    }

    mutating func document() throws {
        try value()
        skipSpace()
        guard i == b.count else { throw fail("expected the end of the text after the JSON value") }
    }

    private func fail(_ problem: String) -> JSONParseError { JSONParseError(offset: i, problem: problem) }

    @inline(__always)
    private mutating func push(_ kind: JSONTape.Kind, start: Int, length: Int) {
        // Offsets fit: the text is below 4 GiB, and there are fewer nodes than bytes.
        nodes.append(JSONTape.Node(start: UInt32(truncatingIfNeeded: start), length: UInt32(truncatingIfNeeded: length),
                                   next: UInt32(truncatingIfNeeded: nodes.count + 1), kind: kind))
    }

    @inline(__always)
    private mutating func skipSpace() {
        while i < b.count {
            guard JSONTape.isSpace(b[i]) else { return }
            i += 1
        }
    }

    private mutating func value() throws {
        skipSpace()
        guard i < b.count else { throw fail("expected a JSON value, got the end of the text") }
        let start = i
        switch b[i] {
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "t"): try literal("true"); push(.true, start: start, length: 4)
        case UInt8(ascii: "f"): try literal("false"); push(.false, start: start, length: 5)
        case UInt8(ascii: "n"): try literal("null"); push(.null, start: start, length: 4)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            push(.number, start: start, length: i - start)
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

    /// Ends the container at node `index`: its text length and where its subtree ends.
    private mutating func close(_ index: Int) {
        nodes[index].length = UInt32(truncatingIfNeeded: i - Int(nodes[index].start))
        nodes[index].next = UInt32(truncatingIfNeeded: nodes.count)
    }

    private mutating func object() throws {
        try enter(); defer { depth -= 1 }
        let me = nodes.count
        push(.object, start: i, length: 0)
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; close(me); return }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted member name") }
            let key = nodes.count
            try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else {
                let name = nodes[key].kind == .string
                    ? String(decoding: UnsafeBufferPointer(rebasing: b[Int(nodes[key].start)..<Int(nodes[key].start + nodes[key].length)]), as: UTF8.self)
                    : JSONTape.unescaped(b, nodes[key])
                throw fail("expected ':' after the member name \"\(name)\"")
            }
            i += 1
            try value()
            skipSpace()
            guard i < b.count else { throw fail("expected ',' or '}', got the end of the text") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; close(me); return }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func array() throws {
        try enter(); defer { depth -= 1 }
        let me = nodes.count
        push(.array, start: i, length: 0)
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; close(me); return }
        while true {
            try value()
            skipSpace()
            guard i < b.count else { throw fail("expected ',' or ']', got the end of the text") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; close(me); return }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func string() throws {
        i += 1
        let start = i
        // Fast path: no escapes (every hex string of a block). One word-at-a-time pass finds the
        // first byte that is a quote, a backslash or a control character; a quote ends the string.
        if let base = b.baseAddress {
            let end = start + Self.plainPrefix(base + start, b.count - start)
            if end < b.count, b[end] == UInt8(ascii: "\"") {
                i = end + 1
                push(.string, start: start, length: end - start)
                return
            }
        }
        var scratch: [UInt8] = []
        i = try Self.unescape(b, from: start, into: &scratch)
        push(.escapedString, start: start, length: i - 1 - start)
    }

    /// Decodes the string starting at `start` (after its opening quote) into `out`; returns the
    /// index after its closing quote. Checks every escape, so a string that passed decodes again
    /// without error.
    static func unescape(_ b: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8]) throws -> Int {
        var i = start
        func fail(_ problem: String) -> JSONParseError { JSONParseError(offset: i, problem: problem) }
        func hex4() throws -> UInt32 {
            guard i + 4 <= b.count else { throw fail("expected four hex digits after \\u") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = Hex.nibble(b[i]) else { throw fail("expected four hex digits after \\u") }
                v = v << 4 | UInt32(d); i += 1
            }
            return v
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { return i + 1 }
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
            default:
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        throw fail("unterminated string")
    }

    /// How many bytes from `p` are neither a quote, a backslash nor below 0x20: where a string
    /// without escapes ends (the caller checks that a quote is what stopped it).
    @inline(__always)
    private static func plainPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let low: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var k = 0
        while k + 8 <= n {
            let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            let quote = w ^ (low &* 0x22), slash = w ^ (low &* 0x5c)
            // Per byte below 0x80: "below 0x20", "is a quote", "is a backslash" (a zero after the xor).
            // The lowest flagged byte is exact (borrows only run upward); bytes ≥ 0x80 are never flagged.
            let hit = ((w &- low &* 0x20) | (quote &- low) | (slash &- low)) & ~w & high
            if hit != 0 { return k + hit.trailingZeroBitCount / 8 }
            k += 8
        }
        while k < n {
            let c = p[k]
            if c < 0x20 || c == 0x22 || c == 0x5c { return k }
            k += 1
        }
        return n
    }

    private mutating func number() throws {
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
    }
}
