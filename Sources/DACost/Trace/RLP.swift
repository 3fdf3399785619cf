import Foundation

/// Recursive Length Prefix (Ethereum yellow paper, appendix B), decoded strictly: every length must
/// be in its canonical (shortest) form, so that garbage is rejected rather than read as data.
public enum RLP {
    /// A decoded item: the byte range of its payload inside the input.
    public enum Item: Equatable {
        case string(Range<Int>)
        case list(Range<Int>)
    }

    public struct DecodeError: Error, Equatable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    /// Reads one item starting at `start`, not past `end`. Returns the item and where the next begins.
    public static func item(in b: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) throws -> (Item, Int) {
        guard start < end else { throw DecodeError(offset: start, reason: "RLP item expected, input ends") }
        let prefix = Int(b[start])
        func length(_ n: Int) throws -> Int {
            guard start + 1 + n <= end else { throw DecodeError(offset: start, reason: "RLP length of \(n) bytes runs past the end") }
            guard b[start + 1] != 0 else { throw DecodeError(offset: start, reason: "RLP length with a leading zero byte") }
            var v = 0
            for i in 0..<n {
                let (m, o1) = v.multipliedReportingOverflow(by: 256)
                guard !o1 else { throw DecodeError(offset: start, reason: "RLP length too large") }
                v = m | Int(b[start + 1 + i])
            }
            guard v >= 56 else { throw DecodeError(offset: start, reason: "RLP long form used for a length under 56") }
            return v
        }
        func payload(_ headerLen: Int, _ len: Int) throws -> Range<Int> {
            let (s, o1) = start.addingReportingOverflow(headerLen)
            let (e, o2) = s.addingReportingOverflow(len)
            guard !o1, !o2, e <= end else {
                throw DecodeError(offset: start, reason: "RLP item of \(len) bytes is truncated (\(max(0, end - start - headerLen)) available)")
            }
            return s..<e
        }
        switch prefix {
        case 0..<0x80:
            return (.string(start..<start + 1), start + 1)
        case 0x80...0xb7:
            let r = try payload(1, prefix - 0x80)
            if r.count == 1 && b[r.lowerBound] < 0x80 {
                throw DecodeError(offset: start, reason: "RLP single byte below 0x80 wrapped in a string header")
            }
            return (.string(r), r.upperBound)
        case 0xb8...0xbf:
            let n = prefix - 0xb7
            let r = try payload(1 + n, try length(n))
            return (.string(r), r.upperBound)
        case 0xc0...0xf7:
            let r = try payload(1, prefix - 0xc0)
            return (.list(r), r.upperBound)
        default:
            let n = prefix - 0xf7
            let r = try payload(1 + n, try length(n))
            return (.list(r), r.upperBound)
        }
    }

    /// The items of a list payload, in order.
    public static func items(in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> [Item] {
        var out = [Item]()
        var pos = range.lowerBound
        while pos < range.upperBound {
            let (it, next) = try item(in: b, at: pos, end: range.upperBound)
            out.append(it)
            pos = next
        }
        return out
    }

    /// Where each item of a list payload is encoded, header included, in order: what a re-encoder copies
    /// as it stands (canonical RLP needs no re-encoding).
    public static func encodedRanges(in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> [Range<Int>] {
        var out = [Range<Int>]()
        var pos = range.lowerBound
        while pos < range.upperBound {
            let (_, next) = try item(in: b, at: pos, end: range.upperBound)
            out.append(pos..<next)
            pos = next
        }
        return out
    }

    // MARK: encoding

    public static func encodeHeader(_ length: Int, offset: UInt8, into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { h in
            guard let p = h.baseAddress else { return }
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: writeHeader(length, offset: offset, to: p)))
        }
    }

    /// Writes the header of a string (`offset` 0x80) or list (0xc0) of `length` bytes at `p` (room
    /// for 9 bytes); returns the bytes written.
    @inline(__always)
    static func writeHeader(_ length: Int, offset: UInt8, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let size = headerSize(length)
        if size == 1 { p[0] = offset + UInt8(truncatingIfNeeded: length); return 1 }
        let n = size - 1
        p[0] = offset + 55 + UInt8(n)
        for k in 0..<n { p[1 + k] = UInt8(truncatingIfNeeded: length >> (8 * (n - 1 - k))) }
        return size
    }

    /// Appends `bytes` as an RLP string.
    static func encodeString(_ bytes: [UInt8], into out: ByteBuffer) {
        var t = [UInt8]()
        encodeString(bytes, into: &t)
        out.append(t)
    }

    /// Appends an RLP list whose items `body` appends: room for a header is left before them and
    /// filled once their length is known. The room is the header of `likelyLength` when given
    /// (the items move only if the guess had another header size), the largest header otherwise.
    static func appendList(into out: ByteBuffer, likelyLength: Int? = nil, _ body: () throws -> Void) rethrows {
        let gap = out.count
        let room = likelyLength.map(headerSize) ?? 9
        _ = out.reserveFree(room)
        out.advance(by: room)
        try body()
        let length = out.count - gap - room
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { h in
            guard let hp = h.baseAddress else { return }
            let n = writeHeader(length, offset: 0xc0, to: hp)
            if n > room { _ = out.reserveFree(n - room) }
            let start = out.pointer(at: gap)
            if n != room { memmove(start + n, start + room, length) }
            start.copyMemory(from: hp, byteCount: n)
            if n > room { out.advance(by: n - room) } else { out.truncate(to: gap + n + length) }
        }
    }

    /// Bytes of the header of a string or list of `length` bytes.
    static func headerSize(_ length: Int) -> Int {
        length < 56 ? 1 : 1 + (64 - UInt64(length).leadingZeroBitCount + 7) / 8
    }

    public static func encodeString(_ bytes: [UInt8], into out: inout [UInt8]) {
        if bytes.count == 1 && bytes[0] < 0x80 { out.append(bytes[0]); return }
        encodeHeader(bytes.count, offset: 0x80, into: &out)
        out += bytes
    }

    /// Wraps already-encoded items in a list header.
    public static func encodeList(_ payload: [UInt8], into out: inout [UInt8]) {
        encodeHeader(payload.count, offset: 0xc0, into: &out)
        out += payload
    }

    public static func encodeUInt(_ v: UInt64, into out: inout [UInt8]) { encodeString(bigEndian(v), into: &out) }

    /// Minimal big-endian bytes of `v` (empty for zero), as RLP integers are written.
    public static func bigEndian(_ v: UInt64) -> [UInt8] {
        var out = [UInt8]()
        var x = v
        while x > 0 { out.insert(UInt8(x & 0xff), at: 0); x >>= 8 }
        return out
    }
}
