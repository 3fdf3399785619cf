/// A JSON string as parsed: a slice of the document's bytes (shared, not copied: a block's hex
/// strings are most of its bytes, and a String apiece would cost an allocation, a copy and a
/// validation each), or, when the text had escapes, its decoded UTF-8. `string` makes a `String`
/// when one is needed.
public struct JSONString: Equatable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    private let storage: [UInt8]
    private let start: Int
    /// Length in UTF-8 bytes.
    public let count: Int

    init(document: [UInt8], start: Int, count: Int) {
        storage = document; self.start = start; self.count = count
    }

    /// Where the string starts in the document it was parsed from (its first byte after the quote).
    var documentOffset: Int { start }

    public init(_ text: String) {
        storage = Array(text.utf8); start = 0; count = storage.count
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// Calls `body` with the string's UTF-8 bytes.
    @inline(__always)
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
    }

    public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }
    public var description: String { string }

    /// Whether this is `0x` followed by exactly the hex digits of `bytes` (either case), compared
    /// without building a String: how an RPC object's `hash` is checked against the re-encoding.
    public func isHex(of bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { b in withUTF8 { Self.isHex($0, of: b) } } }

    /// Whether `u` is `0x` followed by exactly the hex digits of `bytes` (either case).
    static func isHex(_ u: UnsafeBufferPointer<UInt8>, of bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard u.count == 2 + 2 * n, hasHexPrefix(u) else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, n)) { t in
            guard let digits = u.baseAddress, let out = t.baseAddress,
                  Hex.decodePairs(digits + 2, count: n, into: out) else { return false }
            return UnsafeBufferPointer(start: out, count: n).elementsEqual(bytes)
        }
    }

    /// True for `0x…` / `0X…`.
    public var hasHexPrefix: Bool { withUTF8(Self.hasHexPrefix) }

    static func hasHexPrefix(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        u.count >= 2 && u[0] == UInt8(ascii: "0") && u[1] | 0x20 == UInt8(ascii: "x")
    }

    /// A non-negative integer: `0x` and hex digits (when `hexAllowed`) or decimal digits, below 2^64.
    public var uint64: UInt64? { withUTF8 { Self.unsignedInteger($0, hexAllowed: true) } }

    /// The integer `u` spells: decimal digits, or `0x` and at least one hex digit when `hexAllowed`;
    /// nil for anything else (signs included) or a value of 2^64 or more.
    static func unsignedInteger(_ u: UnsafeBufferPointer<UInt8>, hexAllowed: Bool) -> UInt64? {
        let hex = hexAllowed && hasHexPrefix(u)
        var k = hex ? 2 : 0
        guard k < u.count else { return nil }
        var v: UInt64 = 0
        while k < u.count {
            let d: UInt8
            if hex {
                guard let h = Hex.nibble(u[k]) else { return nil }
                d = h
            } else {
                guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }
                d = u[k] - 0x30
            }
            let (m, o1) = v.multipliedReportingOverflow(by: hex ? 16 : 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            v = s; k += 1
        }
        return v
    }

    public static func == (a: JSONString, b: JSONString) -> Bool {
        a.count == b.count && a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }
}
