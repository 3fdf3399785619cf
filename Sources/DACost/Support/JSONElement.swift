import Foundation

/// One value of a `JSONTape`, read in place: two pointers and an index, nothing retained. Valid
/// only inside the `JSONTape.withRoot` call that produced it.
public struct JSONElement {
    let text: UnsafeBufferPointer<UInt8>
    let nodes: UnsafeBufferPointer<JSONTape.Node>
    let index: Int

    @inline(__always) var node: JSONTape.Node { nodes[index] }

    /// The value at node `i` of the same tape.
    @inline(__always) func element(at i: Int) -> JSONElement { JSONElement(text: text, nodes: nodes, index: i) }

    public var isNull: Bool { node.kind == .null }
    public var isObject: Bool { node.kind == .object }
    public var isArray: Bool { node.kind == .array }
    public var isString: Bool { node.kind == .string || node.kind == .escapedString }

    /// true or false; nil for anything else.
    public var bool: Bool? {
        switch node.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// Bytes of the value's text (a string's between its quotes, as written).
    public var textCount: Int { Int(node.length) }

    /// The UTF-8 of a string written without escapes (every hex string an RPC node sends): the
    /// bytes of the text itself. nil for other values and for strings with escapes (see `string`).
    @inline(__always)
    public var utf8: UnsafeBufferPointer<UInt8>? {
        let n = node
        guard n.kind == .string else { return nil }
        return UnsafeBufferPointer(rebasing: text[Int(n.start)..<Int(n.start) + Int(n.length)])
    }

    /// A string's decoded text; nil for other values.
    public var string: String? {
        let n = node
        switch n.kind {
        case .string: return utf8.map { String(decoding: $0, as: UTF8.self) }
        case .escapedString: return JSONTape.unescaped(text, n)
        default: return nil
        }
    }

    /// A number as written.
    public var numberText: String? {
        let n = node
        guard n.kind == .number else { return nil }
        return String(decoding: text[Int(n.start)..<Int(n.start) + Int(n.length)], as: UTF8.self)
    }

    /// A non-negative integer written as a JSON number or a hex (`"0x1a"`) or decimal string.
    public var uint64: UInt64? {
        let n = node
        let digits: UnsafeBufferPointer<UInt8>
        switch n.kind {
        case .number, .string: digits = UnsafeBufferPointer(rebasing: text[Int(n.start)..<Int(n.start) + Int(n.length)])
        case .escapedString: return string.flatMap { JSONValue.string(JSONString($0)).uint64 }
        default: return nil
        }
        var radix: UInt64 = 10, k = 0
        if n.kind == .string, digits.count >= 2, digits[0] == UInt8(ascii: "0"), digits[1] | 0x20 == UInt8(ascii: "x") {
            radix = 16; k = 2
        }
        guard k < digits.count else { return nil }
        var v: UInt64 = 0
        while k < digits.count {
            let c = digits[k]
            let d: UInt64
            if radix == 16 {
                guard let h = Hex.nibble(c) else { return nil }
                d = UInt64(h)
            } else {
                guard c >= 0x30, c <= 0x39 else { return nil }
                d = UInt64(c - 0x30)
            }
            let (m, o1) = v.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            v = s; k += 1
        }
        return v
    }

    /// Whether this is a `0x`-prefixed string.
    public var hasHexPrefix: Bool {
        guard let u = utf8 else { return string.map { JSONString($0).hasHexPrefix } ?? false }
        return u.count >= 2 && u[0] == UInt8(ascii: "0") && u[1] | 0x20 == UInt8(ascii: "x")
    }

    /// Whether this is `0x` followed by exactly the hex digits of `bytes` (either case): how an RPC
    /// object's `hash` is checked against the re-encoding, without building a String.
    public func isHex(of bytes: [UInt8]) -> Bool {
        guard let u = utf8 else { return string.map { JSONString($0).isHex(of: bytes) } ?? false }
        return JSONString.isHex(u, of: bytes)
    }

    /// "an object", "a string", … for error messages.
    public var kindDescription: String {
        switch node.kind {
        case .null: return "null"
        case .true, .false: return "a boolean"
        case .number: return "a number"
        case .string, .escapedString: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The member named `key` of an object; nil when absent or when this is not an object (a JSON
    /// `null` member is returned, as an element that `isNull`).
    public subscript(key: String) -> JSONElement? {
        var k = key
        return k.withUTF8 { member($0) }
    }

    /// The member named by `key`'s UTF-8.
    public func member(_ key: UnsafeBufferPointer<UInt8>) -> JSONElement? {
        let n = node
        guard n.kind == .object, let base = text.baseAddress else { return nil }
        var i = index + 1
        let end = Int(n.next)
        while i < end {
            let k = nodes[i]
            // Lengths first: most keys differ in length, and a length is a load, not a compare.
            if k.kind == .string {
                if Int(k.length) == key.count && key.baseAddress.map({ memcmp(base + Int(k.start), $0, key.count) == 0 }) ?? true {
                    return JSONElement(text: text, nodes: nodes, index: i + 1)
                }
            } else if Array(JSONTape.unescaped(text, k).utf8).elementsEqual(key) {
                return JSONElement(text: text, nodes: nodes, index: i + 1)
            }
            i = Int(nodes[i + 1].next)
        }
        return nil
    }

    /// The member named `key` unless it is absent or null.
    public func present(_ key: String) -> JSONElement? {
        guard let v = self[key], !v.isNull else { return nil }
        return v
    }

    /// An array's items in order (none for other values).
    public var items: Items { Items(array: self) }

    /// An object's members in order (none for other values).
    public var members: Members { Members(object: self) }

    public struct Items: Sequence {
        let array: JSONElement
        public func makeIterator() -> Iterator {
            let n = array.node
            return n.kind == .array ? Iterator(base: array, i: array.index + 1, end: Int(n.next)) : Iterator(base: array, i: 0, end: 0)
        }
        public struct Iterator: IteratorProtocol {
            let base: JSONElement
            var i: Int
            let end: Int
            public mutating func next() -> JSONElement? {
                guard i < end else { return nil }
                let e = JSONElement(text: base.text, nodes: base.nodes, index: i)
                i = Int(base.nodes[i].next)
                return e
            }
        }
    }

    public struct Members: Sequence {
        let object: JSONElement
        public func makeIterator() -> Iterator {
            let n = object.node
            return n.kind == .object ? Iterator(base: object, i: object.index + 1, end: Int(n.next)) : Iterator(base: object, i: 0, end: 0)
        }
        public struct Iterator: IteratorProtocol {
            let base: JSONElement
            var i: Int
            let end: Int
            public mutating func next() -> (key: JSONElement, value: JSONElement)? {
                guard i < end else { return nil }
                let value = JSONElement(text: base.text, nodes: base.nodes, index: i + 1)
                defer { i = Int(base.nodes[i + 1].next) }
                return (JSONElement(text: base.text, nodes: base.nodes, index: i), value)
            }
        }
    }
}
