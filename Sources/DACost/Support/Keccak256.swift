import CKeccak

/// Keccak-256 (the pre-FIPS padding Ethereum uses), for transaction hashes: a trace built from RPC
/// objects is checked against each transaction's `hash`, so a re-encoding slip cannot pass silently.
public enum Keccak256 {
    private static let rate = 136 // Keccak-256: 1088-bit rate (FIPS 202 with c = 512)
    private static let rateWords = rate / 8

    public static func hash<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        if let out = data.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return out }
        return Array(data).withUnsafeBytes { hash($0) }
    }

    /// Absorbs the input straight from its buffer; only the last partial block is copied for padding.
    public static func hash(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            // allowed: a 32-element allocation has a base address
            hash(input, into: UnsafeMutableRawPointer(out.baseAddress!))
            count = 32
        }
    }

    /// Writes the 32-byte digest of `input` to `digest`.
    public static func hash(_ input: UnsafeRawBufferPointer, into digest: UnsafeMutableRawPointer) {
        let rc = UnsafeBufferPointer(start: dacost_keccak_round_constants(), count: 24)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25 + rateWords) { scratch in
            let st = scratch.baseAddress! // allowed: capacity 42 > 0
            let block = st + 25
            st.initialize(repeating: 0, count: 25 + rateWords)
            var off = 0
            while input.count - off >= rate {
                for i in 0..<rateWords { st[i] ^= UInt64(littleEndian: input.loadUnaligned(fromByteOffset: off + i * 8, as: UInt64.self)) }
                permute(st, rc)
                off += rate
            }
            padLastBlock(input, from: off, into: UnsafeMutableRawPointer(block))
            for i in 0..<rateWords { st[i] ^= UInt64(littleEndian: block[i]) }
            permute(st, rc)
            for i in 0..<4 { digest.storeBytes(of: st[i].littleEndian, toByteOffset: 8 * i, as: UInt64.self) }
        }
    }

    /// Hashes many messages, `ranges[k]` of `messages` giving digest `k` at `digests + 32k`. Where
    /// the CPU has AVX2, four messages go through the permutation at once (about three times the
    /// throughput of one at a time); a lane whose message ends takes the next one, so lanes idle
    /// only at the very end.
    public static func hash(_ messages: UnsafeRawBufferPointer, ranges: [Range<Int>], into digests: UnsafeMutableRawPointer) {
        // allowed: callers hash ranges of their own buffer (an internal invariant, never outside input)
        precondition(ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= messages.count })
        guard ranges.count > 1, fourLanes, let base = messages.baseAddress else {
            for (k, r) in ranges.enumerated() { hash(UnsafeRawBufferPointer(rebasing: messages[r]), into: digests + 32 * k) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 100 + rateWords) { scratch in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 8) { lanes in
            let st = scratch.baseAddress! // allowed: capacity 117 > 0
            let block = st + 100
            st.initialize(repeating: 0, count: 100 + rateWords)
            // Per lane k: the message it hashes (-1: idle) and how far into `messages` it has got.
            let message = lanes.baseAddress!, offset = message + 4 // allowed: capacity 8 > 0
            message.initialize(repeating: -1, count: 4)
            offset.initialize(repeating: 0, count: 4)
            var next = 0, active = 0
            for k in 0..<4 where next < ranges.count {
                message[k] = next; offset[k] = ranges[next].lowerBound; next += 1; active += 1
            }
            while active > 0 {
                var ending: UInt8 = 0 // bit k: lane k absorbs its last (padded) block now
                for k in 0..<4 where message[k] >= 0 {
                    let end = ranges[message[k]].upperBound
                    if end - offset[k] >= rate {
                        let src = UnsafeRawPointer(base + offset[k])
                        for i in 0..<rateWords { st[4 * i + k] ^= UInt64(littleEndian: src.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
                        offset[k] += rate
                    } else {
                        padLastBlock(UnsafeRawBufferPointer(rebasing: messages[..<end]), from: offset[k], into: UnsafeMutableRawPointer(block))
                        for i in 0..<rateWords { st[4 * i + k] ^= UInt64(littleEndian: block[i]) }
                        ending |= 1 << k
                    }
                }
                dacost_keccak_f1600_x4(st)
                for k in 0..<4 where ending & (1 << k) != 0 {
                    let out = digests + 32 * message[k]
                    for i in 0..<4 { out.storeBytes(of: st[4 * i + k].littleEndian, toByteOffset: 8 * i, as: UInt64.self) }
                    for i in 0..<25 { st[4 * i + k] = 0 }
                    if next < ranges.count {
                        message[k] = next; offset[k] = ranges[next].lowerBound; next += 1
                    } else {
                        message[k] = -1; active -= 1
                    }
                }
            }
        }
        }
    }

    /// Whether the four-lane permutation can run here (checked once).
    static let fourLanes = dacost_keccak_x4_available() != 0

    /// The bytes of `input` from `offset` on (fewer than a block) with Keccak padding (0x01 … 0x80,
    /// not SHA-3's 0x06), as one full block.
    @inline(__always)
    private static func padLastBlock(_ input: UnsafeRawBufferPointer, from offset: Int, into block: UnsafeMutableRawPointer) {
        let left = input.count - offset
        block.initializeMemory(as: UInt8.self, repeating: 0, count: rate)
        if left > 0, let base = input.baseAddress { block.copyMemory(from: base + offset, byteCount: left) }
        block.storeBytes(of: 0x01, toByteOffset: left, as: UInt8.self)
        let last = block.load(fromByteOffset: rate - 1, as: UInt8.self)
        block.storeBytes(of: last | 0x80, toByteOffset: rate - 1, as: UInt8.self)
    }

    /// Keccak-f[1600] on 25 lanes, theta/rho/pi/chi/iota written out so the compiler keeps lanes in registers.
    @inline(__always)
    private static func permute(_ a: UnsafeMutablePointer<UInt64>, _ rc: UnsafeBufferPointer<UInt64>) {
        var a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a04 = a[4]
        var a05 = a[5], a06 = a[6], a07 = a[7], a08 = a[8], a09 = a[9]
        var a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14]
        var a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19]
        var a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24]
        for round in 0..<24 {
            let c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20, c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21
            let c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22, c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23
            let c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24
            let d0 = c4 ^ rotl(c1, 1), d1 = c0 ^ rotl(c2, 1), d2 = c1 ^ rotl(c3, 1)
            let d3 = c2 ^ rotl(c4, 1), d4 = c3 ^ rotl(c0, 1)
            // rho and pi: b[y, 2x+3y] = rotl(a[x, y], r[x, y])
            let b00 = a00 ^ d0
            let b10 = rotl(a01 ^ d1, 1), b20 = rotl(a02 ^ d2, 62), b05 = rotl(a03 ^ d3, 28), b15 = rotl(a04 ^ d4, 27)
            let b16 = rotl(a05 ^ d0, 36), b01 = rotl(a06 ^ d1, 44), b11 = rotl(a07 ^ d2, 6), b21 = rotl(a08 ^ d3, 55)
            let b06 = rotl(a09 ^ d4, 20), b07 = rotl(a10 ^ d0, 3), b17 = rotl(a11 ^ d1, 10), b02 = rotl(a12 ^ d2, 43)
            let b12 = rotl(a13 ^ d3, 25), b22 = rotl(a14 ^ d4, 39), b23 = rotl(a15 ^ d0, 41), b08 = rotl(a16 ^ d1, 45)
            let b18 = rotl(a17 ^ d2, 15), b03 = rotl(a18 ^ d3, 21), b13 = rotl(a19 ^ d4, 8), b14 = rotl(a20 ^ d0, 18)
            let b24 = rotl(a21 ^ d1, 2), b09 = rotl(a22 ^ d2, 61), b19 = rotl(a23 ^ d3, 56), b04 = rotl(a24 ^ d4, 14)
            a00 = b00 ^ (~b01 & b02) ^ rc[round]; a01 = b01 ^ (~b02 & b03); a02 = b02 ^ (~b03 & b04)
            a03 = b03 ^ (~b04 & b00); a04 = b04 ^ (~b00 & b01)
            a05 = b05 ^ (~b06 & b07); a06 = b06 ^ (~b07 & b08); a07 = b07 ^ (~b08 & b09)
            a08 = b08 ^ (~b09 & b05); a09 = b09 ^ (~b05 & b06)
            a10 = b10 ^ (~b11 & b12); a11 = b11 ^ (~b12 & b13); a12 = b12 ^ (~b13 & b14)
            a13 = b13 ^ (~b14 & b10); a14 = b14 ^ (~b10 & b11)
            a15 = b15 ^ (~b16 & b17); a16 = b16 ^ (~b17 & b18); a17 = b17 ^ (~b18 & b19)
            a18 = b18 ^ (~b19 & b15); a19 = b19 ^ (~b15 & b16)
            a20 = b20 ^ (~b21 & b22); a21 = b21 ^ (~b22 & b23); a22 = b22 ^ (~b23 & b24)
            a23 = b23 ^ (~b24 & b20); a24 = b24 ^ (~b20 & b21)
        }
        a[0] = a00; a[1] = a01; a[2] = a02; a[3] = a03; a[4] = a04
        a[5] = a05; a[6] = a06; a[7] = a07; a[8] = a08; a[9] = a09
        a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14
        a[15] = a15; a[16] = a16; a[17] = a17; a[18] = a18; a[19] = a19
        a[20] = a20; a[21] = a21; a[22] = a22; a[23] = a23; a[24] = a24
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &<< n) | (x &>> (64 &- n)) }
}
