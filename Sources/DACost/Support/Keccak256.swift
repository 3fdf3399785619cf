/// Keccak-256 (the pre-FIPS padding Ethereum uses), for transaction hashes: a trace built from RPC
/// objects is checked against each transaction's `hash`, so a re-encoding slip cannot pass silently.
public enum Keccak256 {
    private static let roundConstants: [UInt64] = [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
        0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
        0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ]
    private static let rotations: [UInt64] = [
        0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
    ]
    private static let rate = 136 // Keccak-256: 1088-bit rate

    public static func hash<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        var input = Array(data)
        // Keccak padding (0x01 … 0x80), not SHA-3's 0x06.
        input.append(0x01)
        while input.count % rate != 0 { input.append(0) }
        input[input.count - 1] |= 0x80
        var st = [UInt64](repeating: 0, count: 25)
        var off = 0
        while off < input.count {
            for i in 0..<(rate / 8) {
                var lane: UInt64 = 0
                for b in 0..<8 { lane |= UInt64(input[off + i * 8 + b]) << (8 * UInt64(b)) }
                st[i] ^= lane
            }
            permute(&st)
            off += rate
        }
        var out = [UInt8]()
        out.reserveCapacity(32)
        for i in 0..<4 { for b in 0..<8 { out.append(UInt8(truncatingIfNeeded: st[i] >> (8 * UInt64(b)))) } }
        return out
    }

    private static func permute(_ a: inout [UInt64]) {
        var c = [UInt64](repeating: 0, count: 5), b = [UInt64](repeating: 0, count: 25)
        for round in 0..<24 {
            for x in 0..<5 { c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] }
            for x in 0..<5 {
                let d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1)
                for y in stride(from: 0, to: 25, by: 5) { a[y + x] ^= d }
            }
            for x in 0..<5 {
                for y in 0..<5 {
                    let i = x + 5 * y
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[i], rotations[i])
                }
            }
            for y in stride(from: 0, to: 25, by: 5) {
                for x in 0..<5 { a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]) }
            }
            a[0] ^= roundConstants[round]
        }
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { n == 0 ? x : (x << n) | (x >> (64 - n)) }
}
