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
    public func isHex(of bytes: [UInt8]) -> Bool { withUTF8 { Self.isHex($0, of: bytes) } }

    /// Whether `u` is `0x` followed by exactly the hex digits of `bytes` (either case).
    static func isHex(_ u: UnsafeBufferPointer<UInt8>, of bytes: [UInt8]) -> Bool {
        guard u.count == 2 + 2 * bytes.count, u[0] == UInt8(ascii: "0"), u[1] | 0x20 == UInt8(ascii: "x") else { return false }
        return bytes.withUnsafeBufferPointer { want in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, want.count)) { t in
                guard let digits = u.baseAddress, let out = t.baseAddress,
                      Hex.decodePairs(digits + 2, count: want.count, into: out) else { return false }
                return UnsafeBufferPointer(start: out, count: want.count).elementsEqual(want)
            }
        }
    }

    /// True for `0x…` / `0X…`.
    public var hasHexPrefix: Bool {
        withUTF8 { $0.count >= 2 && $0[0] == UInt8(ascii: "0") && $0[1] | 0x20 == UInt8(ascii: "x") }
    }

    public static func == (a: JSONString, b: JSONString) -> Bool {
        a.count == b.count && a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }
}
