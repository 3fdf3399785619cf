/// Just enough arbitrary-precision unsigned arithmetic for EIP-4844's `fake_exponential`, whose
/// running term overflows 128 bits at large excess blob gas. Little-endian 64-bit limbs.
struct BigUInt: Equatable, Comparable {
    private(set) var limbs: [UInt64]

    init(_ v: UInt64) { limbs = v == 0 ? [] : [v] }
    init(_ v: UInt128) {
        limbs = [UInt64(truncatingIfNeeded: v), UInt64(truncatingIfNeeded: v >> 64)]
        normalize()
    }

    var isZero: Bool { limbs.isEmpty }

    private mutating func normalize() { while limbs.last == 0 { limbs.removeLast() } }

    static func * (a: BigUInt, m: UInt64) -> BigUInt {
        guard m != 0, !a.isZero else { return BigUInt(0 as UInt64) }
        var out = BigUInt(0 as UInt64)
        out.limbs.reserveCapacity(a.limbs.count + 1)
        var carry: UInt64 = 0
        for limb in a.limbs {
            let (hi, lo) = limb.multipliedFullWidth(by: m)
            let (sum, o) = lo.addingReportingOverflow(carry)
            out.limbs.append(sum)
            carry = hi &+ (o ? 1 : 0)
        }
        if carry != 0 { out.limbs.append(carry) }
        return out
    }

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = BigUInt(0 as UInt64)
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let x = i < a.limbs.count ? a.limbs[i] : 0, y = i < b.limbs.count ? b.limbs[i] : 0
            let (s1, o1) = x.addingReportingOverflow(y)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out.limbs.append(s2)
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { out.limbs.append(carry) }
        return out
    }

    /// Floor division by a non-zero 64-bit divisor.
    static func / (a: BigUInt, d: UInt64) -> BigUInt {
        precondition(d != 0) // allowed: callers divide by positive protocol constants
        var out = [UInt64](repeating: 0, count: a.limbs.count)
        var rem: UInt64 = 0
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) {
            let (q, r) = d.dividingFullWidth((high: rem, low: a.limbs[i]))
            out[i] = q; rem = r
        }
        var b = BigUInt(0 as UInt64); b.limbs = out; b.normalize()
        return b
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        return false
    }

    /// The value when it fits in 128 bits.
    var uint128: UInt128? {
        guard limbs.count <= 2 else { return nil }
        let lo = limbs.count > 0 ? limbs[0] : 0, hi = limbs.count > 1 ? limbs[1] : 0
        return UInt128(hi) << 64 | UInt128(lo)
    }
}
