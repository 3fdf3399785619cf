import Testing
import Foundation
@testable import DACost

@Suite struct HashTests {
    @Test func keccakVectors() {
        // Published Keccak-256 values (Ethereum: the hash of no bytes, and of "abc").
        #expect(Hex.encode(Keccak256.hash([UInt8]())) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(Hex.encode(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
    }

    @Test func keccakOfARealTransactionIsItsHash() throws {
        // OP Mainnet tx 0x8eb9dd4e… whose signed bytes op-geth's rollup_cost_test.go pins.
        let vectors = try #require(try VectorFile.json("fastlz")["flz_compress_len"] as? [[String: Any]])
        let hex = try #require(vectors.first { ($0["name"] as? String)?.contains("8eb9dd4e") == true }?["input_hex"] as? String)
        let tx = try #require(Hex.decode(hex))
        #expect(Hex.encode(Keccak256.hash(tx)) == "8eb9dd4eb6d33f4dc25fb015919e4b1e9f7542f9b0322bf6622e268cd116b594")
    }

    @Test func manyMessagesHashExactlyAsEachAlone() throws {
        // Lengths around the 136-byte rate (a message that fills its blocks exactly takes one more,
        // all padding), long ones, and empty ones, laid out with gaps and out of order, so that
        // lanes take new messages at different times and the last ones run with idle lanes.
        var lengths = Array(0...140) + [271, 272, 273, 407, 408, 409, 1000, 4096, 0, 1, 136]
        lengths.reverse()
        var buffer = [UInt8](), ranges = [Range<Int>]()
        for (k, n) in lengths.enumerated() {
            buffer += [UInt8](repeating: 0xee, count: k % 5)
            ranges.append(buffer.count..<(buffer.count + n))
            buffer += (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ k) }
        }
        ranges.swapAt(3, 90)
        ranges.append(0..<0)
        var digests = [UInt8](repeating: 0, count: 32 * ranges.count)
        buffer.withUnsafeBytes { b in digests.withUnsafeMutableBytes { Keccak256.hash(b, ranges: ranges, into: $0.baseAddress!) } }
        for (k, r) in ranges.enumerated() {
            #expect(Array(digests[(32 * k)..<(32 * k + 32)]) == Keccak256.hash(buffer[r]), "message \(k), \(r.count) bytes")
        }
        // The published vector, from within a batch.
        #expect(Hex.encode(digests.suffix(32)) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    }

    @Test func fourLanesRunWhereTheCPUHasAVX2() throws {
        // The CPUID check agrees with what the kernel reports, so the fast path is not silently off.
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(Keccak256.fourLanes == flags.contains("avx2"))
        #endif
    }

    @Test func sha256Vectors() {
        // FIPS 180-2 examples.
        #expect(Hex.encode(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Hex.encode(SHA256.hash(long)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Fed in odd pieces, the result is the same.
        var h = SHA256()
        h.update(long[0..<5]); h.update(long[5..<50]); h.update(long[50...])
        #expect(Hex.encode(h.finalize()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
