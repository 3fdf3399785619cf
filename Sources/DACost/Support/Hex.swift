/// Hexadecimal encoding and strict decoding of byte strings.
public enum Hex {
    /// Why a hex string was refused.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case oddLength(Int)
        case invalidCharacter(offset: Int, character: UInt8)

        public var description: String {
            switch self {
            case .oddLength(let n):
                return "an even number of hex digits, got \(n)"
            case .invalidCharacter(let offset, let c):
                let shown = (0x20..<0x7f).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(Hex.encode([c]))"
                return "hex digits 0-9a-f, got \(shown) at column \(offset + 1)"
            }
        }
    }

    /// -1 for anything that is not a hex digit.
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "0123456789abcdef".utf8.enumerated() { table[Int(c)] = Int8(i) }
        for (i, c) in "ABCDEF".utf8.enumerated() { table[Int(c)] = Int8(10 + i) }
        return table
    }()

    /// Lower-case hex without a prefix.
    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let s = bytes.withContiguousStorageIfAvailable({ encode(UnsafeRawBufferPointer($0)) }) { return s }
        return Array(bytes).withUnsafeBytes { encode($0) }
    }

    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
            if let dst = out.baseAddress { write(bytes, to: UnsafeMutableRawPointer(dst)) }
            return 2 * bytes.count
        }
    }

    /// Writes two lower-case hex digits per byte of `src` at `dst` (which has room for them),
    /// four bytes at a time in one 64-bit word.
    @inline(__always)
    public static func write(_ src: UnsafeRawBufferPointer, to dst: UnsafeMutableRawPointer) {
        let n = src.count
        var i = 0
        while i + 4 <= n {
            let four = UInt64(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            dst.storeBytes(of: encode4(four).littleEndian, toByteOffset: 2 * i, as: UInt64.self)
            i += 4
        }
        if i < n {
            var rest: UInt64 = 0
            for k in 0..<(n - i) { rest |= UInt64(src[i + k]) << (8 * UInt64(k)) }
            withUnsafeBytes(of: encode4(rest).littleEndian) { dst.advanced(by: 2 * i).copyMemory(from: $0.baseAddress!, byteCount: 2 * (n - i)) } // allowed: a local's bytes have an address
        }
    }

    /// Four bytes (first lowest) as eight lower-case hex digits, first digit lowest.
    @inline(__always)
    static func encode4(_ v: UInt64) -> UInt64 {
        // Each byte to its own 16-bit slot, then its high nibble to the slot's low byte.
        var x = (v | (v << 16)) & 0x0000_ffff_0000_ffff
        x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff
        let nibbles = ((x >> 4) & 0x000f_000f_000f_000f) | ((x & 0x000f_000f_000f_000f) << 8)
        // 0-9 → '0'-'9'; 10-15 → 'a'-'f', 39 further on: n + 6 reaches 16 exactly when n ≥ 10.
        let letters = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return nibbles &+ 0x3030_3030_3030_3030 &+ letters &* 39
    }

    /// Decodes `count` pairs of hex digits from `text` into `out`; false on a non-digit.
    /// Eight digits at a time as one 64-bit word (no table: a static table costs a lazy-initialisation
    /// check per call, and most calls decode a 20- or 32-byte field).
    @inline(__always)
    public static func decodePairs(_ text: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<UInt8>) -> Bool {
        var i = 0
        while i + 4 <= count {
            guard let v = decode8(UnsafeRawPointer(text + 2 * i).loadUnaligned(as: UInt64.self)) else { return false }
            UnsafeMutableRawPointer(out + i).storeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian, as: UInt32.self)
            i += 4
        }
        while i < count {
            guard let hi = nibble(text[2 * i]), let lo = nibble(text[2 * i + 1]) else { return false }
            out[i] = hi << 4 | lo
            i += 1
        }
        return true
    }

    /// Eight ASCII hex digits (little-endian word, first digit lowest) as four bytes in the low 32
    /// bits, first byte lowest; nil if any is not a digit.
    @inline(__always)
    static func decode8(_ raw: UInt64) -> UInt64? {
        let w = UInt64(littleEndian: raw)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        guard w & high == 0 else { return nil }
        // Per byte (all below 0x80, so no carry crosses a byte): high bit set where lo ≤ b ≤ hi.
        @inline(__always) func within(_ x: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (x &+ ones &* (0x80 - lo)) & ~(x &+ ones &* (0x7f - hi)) & high
        }
        let digit = within(w, 0x30, 0x39)
        let letter = within(w | (ones &* 0x20), 0x61, 0x66) // either case
        guard digit | letter == high else { return nil }
        let v = (w & (ones &* 0x0f)) &+ (letter >> 7) &* 9 // each byte its digit's value
        // Byte 2k becomes digit 2k << 4 | digit 2k+1; then the even bytes are packed together.
        var x = ((v << 4) | (v >> 8)) & 0x00ff_00ff_00ff_00ff
        x = (x | (x >> 8)) & 0x0000_ffff_0000_ffff
        return (x | (x >> 16)) & 0xffff_ffff
    }

    /// Decodes hex text (an optional `0x`/`0X` prefix is allowed) into `output`, appending.
    /// `offsetBase` is added to reported offsets so that errors point into the caller's line.
    public static func decode(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
                              offsetBase: Int = 0) -> Problem? {
        var start = 0
        if text.count >= 2, text[0] == UInt8(ascii: "0"), text[1] == UInt8(ascii: "x") || text[1] == UInt8(ascii: "X") {
            start = 2
        }
        let digitCount = text.count - start
        output.reserveCapacity(output.count + digitCount / 2)
        var i = start
        return values.withUnsafeBufferPointer { table -> Problem? in
            while i + 1 < text.count {
                let hi = table[Int(text[i])], lo = table[Int(text[i + 1])]
                if hi < 0 { return .invalidCharacter(offset: offsetBase + i, character: text[i]) }
                if lo < 0 { return .invalidCharacter(offset: offsetBase + i + 1, character: text[i + 1]) }
                output.append(UInt8(hi) << 4 | UInt8(lo))
                i += 2
            }
            if i < text.count {
                if table[Int(text[i])] < 0 { return .invalidCharacter(offset: offsetBase + i, character: text[i]) }
                return .oddLength(digitCount)
            }
            return nil
        }
    }

    /// Decodes a hex string; returns nil on any problem.
    public static func decode(_ text: String) -> [UInt8]? {
        var out = [UInt8]()
        var text = text
        let problem = text.withUTF8 { decode($0, into: &out) }
        return problem == nil ? out : nil
    }

    /// Decodes `0x`-prefixed hex as JSON-RPC writes quantities, an odd number of digits allowed (`0x1`);
    /// nil without the prefix or on any other problem.
    public static func decodeQuantity(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("0x") else { return nil }
        let digits = text.dropFirst(2)
        return decode(digits.count % 2 == 1 ? "0" + digits : String(digits))
    }

    /// The value of one hex digit, nil for anything else.
    /// (Arithmetic, not the table: a static table costs a lazy-initialisation check per call.)
    @inline(__always) public static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c &- 0x30
        case 0x61...0x66: return c &- 0x57
        case 0x41...0x46: return c &- 0x37
        default: return nil
        }
    }
}
