/// Traffic mixes the generator can produce.
public enum SyntheticProfile: String, CaseIterable, Sendable, Codable {
    /// Calibrated on the real OP Mainnet trace (fixtures/traces/op-mainnet-1766.hex): 74% EIP-1559,
    /// 25% legacy EIP-155, 1% EIP-2930; 23% plain transfers, 17% ERC-20 transfer/approve, the rest
    /// contract calls whose calldata lengths follow the real histogram.
    case opMainnet = "op-mainnet"
    /// ETH transfers only.
    case transfers
    /// ERC-20 transfer and approve calls.
    case erc20
    /// Router swaps and liquidity calls with multi-hop paths.
    case defi
}

/// A seeded generator of realistic signed transactions. What matters for compression is modelled:
/// senders, contracts, tokens and selectors reused with a Zipf law; nonces that grow per sender; fee
/// fields that drift; ABI-shaped calldata (32-byte words: padded addresses, amounts, small integers,
/// offsets, hashes); and 32 + 32 random signature bytes, which no codec can shrink.
public struct SyntheticTrace {
    public let profile: SyntheticProfile
    private var rng: SeededRandom
    private let senders: [[UInt8]]
    private var nonces: [UInt64]
    private let contracts: [Contract]
    private let tokens: [[UInt8]]
    private let senderZipf: Zipf, contractZipf: Zipf, tokenZipf: Zipf
    private var baseFee: Double = 1_000_000 // wei; OP Mainnet base fees sit around 1e6 wei (fixture tips 0x0f4240)
    private var index = 0

    /// OP Mainnet chain id.
    static let chainID: UInt64 = 10 // ethereum-optimism/superchain-registry chainList (OP Mainnet)

    /// Calldata lengths of contract calls in the real OP trace (bucket start in bytes, count), excluding
    /// plain transfers and ERC-20 transfer/approve: 100-byte buckets below 2,000, wider above,
    /// up to the 4 calls of 32-49 KB that carry a tenth of the bytes.
    static let calldataHistogram: [(start: Int, width: Int, count: Int)] = [
        (4, 96, 232), (100, 100, 110), (200, 100, 25), (300, 100, 60), (400, 100, 50), (500, 100, 47), (600, 100, 41),
        (700, 100, 44), (800, 100, 21), (900, 100, 74), (1000, 100, 24), (1100, 100, 45), (1200, 100, 73), (1300, 100, 19),
        (1400, 100, 6), (1500, 100, 9), (1600, 100, 14), (1700, 100, 2), (1800, 100, 1), (1900, 100, 9), (2000, 500, 14),
        (2500, 500, 14), (3000, 500, 82), (3500, 500, 11), (4500, 500, 8), (5000, 500, 1), (6000, 500, 5), (6500, 2000, 5),
        (13000, 1000, 2), (32000, 18000, 4),
    ]

    /// The calldata length at quantile `u` of the histogram.
    static func calldataLength(quantile u: Double, jitter: Double) -> Int {
        let total = calldataHistogram.reduce(0) { $0 + $1.count }
        var target = u * Double(total)
        for b in calldataHistogram {
            if target < Double(b.count) { return b.start + Int(jitter * Double(b.width)) }
            target -= Double(b.count)
        }
        return 4
    }

    /// 32-byte ABI word shapes; the mix measured on the real trace's contract calls: zero 10.7%,
    /// small integer 22%, padded address 36.8%, amount 5.7%, full 32 bytes 17.2%, left-aligned 7.7%.
    enum Word { case zero, small, address, token, amount, hash, leftAligned }

    struct Contract {
        let address: [UInt8]
        let selectors: [[UInt8]]
        /// The ABI layout of each selector's arguments.
        let layouts: [[Word]]
    }

    public init(profile: SyntheticProfile, seed: UInt64) {
        self.profile = profile
        var setup = SeededRandom(seed: seed, stream: 0)
        func address(_ r: inout SeededRandom) -> [UInt8] { var a = [UInt8](); r.fill(&a, count: 20); return a }
        let senderCount = profile == .transfers ? 20_000 : 8_000
        senders = (0..<senderCount).map { _ in address(&setup) }
        nonces = (0..<senderCount).map { _ in UInt64(setup.nextInt(below: 60_000)) }
        tokens = (0..<300).map { _ in address(&setup) }
        var cs = [Contract]()
        let contractCount = profile == .defi ? 40 : 450
        var selectorCounts = [Int]()
        for _ in 0..<contractCount { selectorCounts.append(1 + setup.nextInt(below: 4)) }
        for c in 0..<contractCount {
            var selectors = [[UInt8]](), layouts = [[Word]]()
            for _ in 0..<selectorCounts[c] {
                var s = [UInt8](); setup.fill(&s, count: 4); selectors.append(s)
                // A template as long as the longest call; each call uses a prefix (dynamic arrays).
                layouts.append(Self.layout(length: profile == .defi ? 260 + 64 * setup.nextInt(below: 20) : 50_004, rng: &setup))
            }
            cs.append(Contract(address: address(&setup), selectors: selectors, layouts: layouts))
        }
        contracts = cs
        senderZipf = Zipf(count: senderCount, exponent: 1.05)
        contractZipf = Zipf(count: cs.count, exponent: 1.1)
        tokenZipf = Zipf(count: tokens.count, exponent: 1.2)
        rng = SeededRandom(seed: seed, stream: 1)
    }

    static func layout(length: Int, rng: inout SeededRandom) -> [Word] {
        let words = max(0, (length - 4) / 32)
        return (0..<words).map { _ in
            switch rng.nextUnit() {
            case ..<0.107: return .zero
            case ..<0.327: return .small
            case ..<0.527: return .address
            case ..<0.695: return .token
            case ..<0.752: return .amount
            case ..<0.923: return .hash
            default: return .leftAligned
            }
        }
    }

    public mutating func next() -> Transaction {
        index += 1
        baseFee *= 1 + 0.01 * rng.nextGaussian()
        baseFee = min(max(baseFee, 50_000), 5e9)
        let sender = senderZipf.sample(&rng)
        let nonce = nonces[sender]
        nonces[sender] += 1
        let kindRoll = rng.nextUnit()
        var to: [UInt8], data = [UInt8](), value: UInt64 = 0, gas: UInt64
        switch profile {
        case .transfers:
            (to, value, gas) = transfer()
        case .erc20:
            (to, data, gas) = erc20()
        case .defi:
            (to, data, gas) = call()
            if rng.nextUnit() < 0.3 { value = UInt64(rng.nextInt(below: 1 << 30)) << 20 }
        case .opMainnet:
            if kindRoll < 0.23 { (to, value, gas) = transfer() }
            else if kindRoll < 0.40 { (to, data, gas) = erc20() }
            else { (to, data, gas) = call() }
        }
        let typeRoll = rng.nextUnit()
        let type: TransactionType = profile == .opMainnet ? (typeRoll < 0.25 ? .legacy : typeRoll < 0.26 ? .accessList : .dynamicFee) : .dynamicFee
        return Transaction(bytes: sign(type: type, nonce: nonce, to: to, value: value, data: data, gas: gas), type: type)
    }

    private mutating func transfer() -> ([UInt8], UInt64, UInt64) {
        let to = senders[senderZipf.sample(&rng)]
        let value = UInt64(rng.nextInt(below: 1 << 30)) << UInt64(20 + rng.nextInt(below: 12))
        return (to, value, 21_000)
    }

    private mutating func erc20() -> ([UInt8], [UInt8], UInt64) {
        let token = tokens[tokenZipf.sample(&rng)]
        // transfer(address,uint256) a9059cbb / approve(address,uint256) 095ea7b3 (ERC-20)
        var data: [UInt8] = rng.nextUnit() < 0.7 ? [0xa9, 0x05, 0x9c, 0xbb] : [0x09, 0x5e, 0xa7, 0xb3]
        appendWord(.address, to: &data)
        appendWord(.amount, to: &data)
        return (token, data, [65_000, 100_000, 0x0249f0][rng.nextInt(below: 3)])
    }

    private mutating func call() -> ([UInt8], [UInt8], UInt64) {
        let c = contracts[contractZipf.sample(&rng)]
        let s = rng.nextInt(below: c.selectors.count)
        var data = c.selectors[s]
        let words = profile == .defi ? c.layouts[s].count
            : min(c.layouts[s].count, (Self.calldataLength(quantile: rng.nextUnit(), jitter: rng.nextUnit()) - 4) / 32)
        for w in c.layouts[s].prefix(words) { appendWord(w, to: &data) }
        let gas: UInt64 = rng.nextUnit() < 0.5 ? [0x0249f0, 0x0f4240, 0x0186a0, 0x07a120][rng.nextInt(below: 4)]
                                               : UInt64(60_000 + rng.nextInt(below: 900_000))
        return (c.address, data, gas)
    }

    private mutating func appendWord(_ w: Word, to data: inout [UInt8]) {
        var word = [UInt8](repeating: 0, count: 32)
        switch w {
        case .zero: break
        case .small:
            // Offsets and small counts: a few recurring values.
            let v = rng.nextUnit() < 0.5 ? 32 * (1 + rng.nextInt(below: 8)) : 1 + rng.nextInt(below: 1000)
            word[30] = UInt8(v >> 8); word[31] = UInt8(v & 0xff)
        case .leftAligned:
            let n = 4 + rng.nextInt(below: 24)
            for i in 0..<n { word[i] = UInt8(truncatingIfNeeded: rng.next()) }
        case .address: let a = senders[senderZipf.sample(&rng)]; word.replaceSubrange(12..<32, with: a)
        case .token: let a = tokens[tokenZipf.sample(&rng)]; word.replaceSubrange(12..<32, with: a)
        case .amount:
            let n = 4 + rng.nextInt(below: 10)
            for i in (32 - n)..<32 { word[i] = UInt8(truncatingIfNeeded: rng.next()) }
        case .hash:
            for i in 0..<32 { word[i] = UInt8(truncatingIfNeeded: rng.next()) }
        }
        data += word
    }

    private mutating func sign(type: TransactionType, nonce: UInt64, to: [UInt8], value: UInt64, data: [UInt8], gas: UInt64) -> [UInt8] {
        // Tips cluster on a few round values (the real trace: 0.2 gwei, 1e6 wei, 1e7 wei…).
        let tips: [UInt64] = [200_000_000, 1_000_000, 10_000_000, 2_000_000_000, 940_900, 1]
        let tip = rng.nextUnit() < 0.7 ? tips[min(rng.nextInt(below: 8), tips.count - 1)] : UInt64(rng.nextInt(below: 5_000_000))
        let maxFee = UInt64(baseFee * (1.5 + rng.nextUnit())) + tip
        var r = [UInt8](), s = [UInt8]()
        rng.fill(&r, count: 32); rng.fill(&s, count: 32)
        while r.first == 0 { r.removeFirst() }
        while s.first == 0 { s.removeFirst() }
        s[0] &= 0x7f // EIP-2: s in the lower half of the curve order
        while s.first == 0 { s.removeFirst() }
        let parity = UInt64(rng.nextInt(below: 2))
        var p = [UInt8]()
        func u(_ v: UInt64) { RLP.encodeUInt(v, into: &p) }
        func b(_ v: [UInt8]) { RLP.encodeString(v, into: &p) }
        switch type {
        case .legacy:
            u(nonce); u(UInt64(baseFee) + tip); u(gas); b(to); u(value); b(data)
            u(Self.chainID * 2 + 35 + parity); b(r); b(s) // EIP-155 v
        case .accessList:
            u(Self.chainID); u(nonce); u(UInt64(baseFee) + tip); u(gas); b(to); u(value); b(data)
            var entry = [UInt8](), keys = [UInt8]()
            RLP.encodeString(to, into: &entry)
            var key = [UInt8](); rng.fill(&key, count: 32); RLP.encodeString(key, into: &keys)
            RLP.encodeList(keys, into: &entry)
            var list = [UInt8](); RLP.encodeList(entry, into: &list)
            RLP.encodeList(list, into: &p)
            u(parity); b(r); b(s)
        default:
            u(Self.chainID); u(nonce); u(tip); u(maxFee); u(gas); b(to); u(value); b(data)
            RLP.encodeList([], into: &p)
            u(parity); b(r); b(s)
        }
        var out = [UInt8]()
        if type != .legacy { out.append(type.rawValue) }
        RLP.encodeList(p, into: &out)
        return out
    }
}

/// Zipf-distributed ranks 0..<count (rank 0 most frequent), by inverse CDF on a precomputed table.
struct Zipf {
    private let cdf: [Double]
    /// Probability of each rank.
    var probabilities: [Double] { cdf.indices.map { cdf[$0] - ($0 > 0 ? cdf[$0 - 1] : 0) } }
    init(count: Int, exponent: Double) {
        var acc = 0.0, c = [Double]()
        c.reserveCapacity(count)
        for k in 1...max(1, count) { acc += 1 / pow(Double(k), exponent); c.append(acc) }
        cdf = c.map { $0 / acc }
    }
    func sample(_ rng: inout SeededRandom) -> Int {
        let u = rng.nextUnit()
        var lo = 0, hi = cdf.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] < u { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
