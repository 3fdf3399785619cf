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

    /// Where the value starts in the parsed text (a string: after its quote), for error positions.
    public var offset: Int { Int(node.start) }

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
        switch n.kind {
        case .number: return JSONString.unsignedInteger(UnsafeBufferPointer(rebasing: text[Int(n.start)..<Int(n.start) + Int(n.length)]), hexAllowed: false)
        case .string: return utf8.flatMap { JSONString.unsignedInteger($0, hexAllowed: true) }
        case .escapedString: return string.flatMap { JSONString($0).uint64 }
        default: return nil
        }
    }

    /// Whether this is a `0x`-prefixed string.
    public var hasHexPrefix: Bool {
        guard let u = utf8 else { return string.map { JSONString($0).hasHexPrefix } ?? false }
        return JSONString.hasHexPrefix(u)
    }

    /// Whether this is `0x` followed by exactly the hex digits of `bytes` (either case): how an RPC
    /// object's `hash` is checked against the re-encoding, without building a String.
    public func isHex(of bytes: UnsafeRawBufferPointer) -> Bool {
        guard let u = utf8 else { return string.map { var s = $0; return s.withUTF8 { JSONString.isHex($0, of: bytes) } } ?? false }
        return JSONString.isHex(u, of: bytes)
    }

    public func isHex(of bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { isHex(of: $0) } }

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
        for (k, value) in members {
            // Lengths first: most keys differ in length, and a length is a load, not a compare.
            if let name = k.utf8 {
                guard name.count == key.count else { continue }
                guard let a = name.baseAddress, let b = key.baseAddress else { return value } // both empty
                if memcmp(a, b, key.count) == 0 { return value }
            } else if Array(JSONTape.unescaped(text, k.node).utf8).elementsEqual(key) {
                return value
            }
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

    /// The values under a container, in order, each skipped past with its subtree's end: an
    /// array's items, or an object's keys and values alternately.
    public struct Children: IteratorProtocol {
        let base: JSONElement
        var i: Int
        let end: Int

        init(of container: JSONElement, kind: JSONTape.Kind) {
            let n = container.node
            base = container
            (i, end) = n.kind == kind ? (container.index + 1, Int(n.next)) : (0, 0)
        }

        public mutating func next() -> JSONElement? {
            guard i < end else { return nil }
            let e = base.element(at: i)
            i = Int(base.nodes[i].next)
            return e
        }
    }

    public struct Items: Sequence {
        let array: JSONElement
        public func makeIterator() -> Children { Children(of: array, kind: .array) }
    }

    public struct Members: Sequence {
        let object: JSONElement
        public func makeIterator() -> Iterator { Iterator(children: Children(of: object, kind: .object)) }
        public struct Iterator: IteratorProtocol {
            var children: Children
            public mutating func next() -> (key: JSONElement, value: JSONElement)? {
                guard let key = children.next(), let value = children.next() else { return nil }
                return (key, value)
            }
        }
    }
}
