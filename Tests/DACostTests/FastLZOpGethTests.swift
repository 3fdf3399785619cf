import Testing
@testable import DACost

/// A line-by-line transliteration of op-geth `FlzCompressLen` (core/types/rollup_cost.go), kept
/// independent of the production parse so that the two check each other on real transactions.
func opGethFlzCompressLen(_ ib: [UInt8]) -> UInt32 {
    var n: UInt32 = 0
    var ht = [UInt32](repeating: 0, count: 8192)
    func u24(_ i: UInt32) -> UInt32 { UInt32(ib[Int(i)]) | UInt32(ib[Int(i) + 1]) << 8 | UInt32(ib[Int(i) + 2]) << 16 }
    func cmp(_ p: UInt32, _ q: UInt32, _ e0: UInt32) -> UInt32 {
        var l: UInt32 = 0, e = e0 - q
        while l < e { if ib[Int(p + l)] != ib[Int(q + l)] { e = 0 }; l += 1 }
        return l
    }
    func literals(_ r0: UInt32) { var r = r0; n += 0x21 * (r / 0x20); r %= 0x20; if r != 0 { n += r + 1 } }
    func match(_ l0: UInt32) { let l = l0 - 1; n += 3 * (l / 262); n += l % 262 >= 6 ? 3 : 2 }
    func hash(_ v: UInt32) -> Int { Int(((2654435769 &* v) >> 19) & 0x1fff) }
    func setNextHash(_ ip: UInt32) -> UInt32 { ht[hash(u24(ip))] = ip; return ip + 1 }
    var a: UInt32 = 0
    let ipLimit: UInt32 = ib.count < 13 ? 0 : UInt32(ib.count) - 13
    var ip = a + 2
    while ip < ipLimit {
        var r: UInt32 = 0, d: UInt32 = 0
        while true {
            let s = u24(ip), h = hash(s)
            r = ht[h]; ht[h] = ip; d = ip - r
            if ip >= ipLimit { break }
            ip += 1
            if d <= 0x1fff && s == u24(r) { break }
        }
        if ip >= ipLimit { break }
        ip -= 1
        if ip > a { literals(ip - a) }
        let l = cmp(r + 3, ip + 3, ipLimit + 9)
        match(l)
        ip = setNextHash(setNextHash(ip + l))
        a = ip
    }
    literals(UInt32(ib.count) - a)
    return n
}

@Suite struct FastLZOpGethTests {
    @Test(arguments: ["op-mainnet-1766.hex", "l1-mainnet-portal-6-blocks.hex"])
    func perTransactionLengthsAgreeWithOpGeth(_ name: String) throws {
        let reader = try TraceReader(path: VectorFile.fixtures + "/traces/" + name)
        var n = 0
        while let tx = try reader.next() {
            let reference = Int(opGethFlzCompressLen(tx.bytes))
            #expect(FastLZ.compress(tx.bytes).count == reference)
            #expect(FastLZ.compressedLength(tx.bytes) == reference)
            n += 1
        }
        #expect(n > 800)
    }
}
