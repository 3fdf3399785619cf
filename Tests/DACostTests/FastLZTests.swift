import Foundation
import Testing
@testable import DACost

@Suite struct FastLZTests {
    static func input(_ v: [String: Any]) -> [UInt8] {
        if let h = v["input_hex"] as? String { return Hex.decode(h) ?? [] }
        if let r = v["input_repeat"] as? [String: Any], let b = r["byte"] as? String, let n = r["count"] as? Int {
            return [UInt8](repeating: Hex.decode(b)?.first ?? 0, count: n)
        }
        if let t = v["input_utf8"] as? String { return Array(t.utf8) }
        return []
    }

    @Test func compressedLengthMatchesOpGethVectors() throws {
        let vectors = try #require(try VectorFile.json("fastlz")["flz_compress_len"] as? [[String: Any]])
        #expect(vectors.count == 7)
        for v in vectors {
            let bytes = Self.input(v)
            let expected = try #require(v["expected_len"] as? Int)
            #expect(FastLZ.compressedLength(bytes) == expected, "\(v["name"] ?? "")")
            // The full encoder and the length-only parse must agree.
            #expect(FastLZ.compress(bytes).count == expected, "\(v["name"] ?? "")")
        }
    }

    @Test func fullCompressionMatchesSoladyBytes() throws {
        let vectors = try #require(try VectorFile.json("fastlz")["flz_compress_full"] as? [[String: Any]])
        var checked = 0
        var lastInput = [UInt8]()
        for v in vectors {
            if v["decompress_only"] as? Bool == true {
                let hex = try #require(v["compressed_hex"] as? String)
                let compressed = try #require(Hex.decode(hex))
                let out = ByteBuffer()
                try compressed.withUnsafeBytes { try FastLZ.decompress($0, into: out) }
                #expect(out.array == lastInput)
                checked += 1
                continue
            }
            let bytes = Self.input(v)
            lastInput = bytes
            let hex = try #require(v["expected_compressed_hex"] as? String)
            let expected = try #require(Hex.decode(hex))
            let compressed = FastLZ.compress(bytes)
            #expect(compressed == expected, "\(v["name"] ?? "")")
            #expect(compressed.count == v["expected_len"] as? Int)
            let out = ByteBuffer()
            try compressed.withUnsafeBytes { try FastLZ.decompress($0, into: out) }
            #expect(out.array == bytes)
            checked += 1
        }
        #expect(checked == 3)
    }

    @Test func roundTripsRandomAndRepetitiveData() throws {
        var rng = SeededRandom(seed: 7)
        for size in [0, 1, 12, 13, 14, 100, 1000, 70_000] {
            var data = [UInt8]()
            for i in 0..<size { data.append(i % 97 < 40 ? UInt8(truncatingIfNeeded: rng.next()) : UInt8(i % 7)) }
            let c = FastLZ.compress(data)
            #expect(c.count == FastLZ.compressedLength(data))
            let out = ByteBuffer()
            try c.withUnsafeBytes { try FastLZ.decompress($0, into: out) }
            #expect(out.array == data, "size \(size)")
        }
    }

    /// A stream longer than a block is compressed as independent blocks (so a whole 1 GB trace needs
    /// one block of memory, not the trace): the decoder reads them as one stream, and the size is within
    /// 0.01% of the one-shot encoding (matches reach back at most 8,191 bytes).
    @Test func streamsBeyondABlockInIndependentBlocks() throws {
        var rng = SeededRandom(seed: 11)
        let size = FastLZCodec.blockSize + FastLZCodec.blockSize / 3
        var data = [UInt8](repeating: 0, count: size)
        for i in 0..<size { data[i] = i % 61 < 30 ? UInt8(truncatingIfNeeded: rng.next() & 0x0f) : UInt8(i % 13) }
        let compressor = FastLZCodec.Compressor(), out = ByteBuffer()
        compressor.begin(pledgedSize: nil)
        try data.withUnsafeBytes { all in
            for start in stride(from: 0, to: size, by: 1 << 20) {
                try compressor.write(UnsafeRawBufferPointer(rebasing: all[start..<min(size, start + (1 << 20))]), into: out)
            }
        }
        try compressor.end(into: out)
        let oneShot = FastLZ.compressedLength(data)
        #expect(out.count != oneShot) // two blocks, not one
        #expect(abs(Double(out.count - oneShot)) / Double(oneShot) < 1e-4, "\(out.count) vs \(oneShot)")
        let back = ByteBuffer(), decompressor = FastLZCodec.Decompressor()
        decompressor.begin()
        try out.array.withUnsafeBytes { try decompressor.write($0, into: back) }
        try decompressor.end(into: back)
        #expect(back.array == data)
    }

    @Test func rejectsCorruptStreams() {
        // A match whose distance reaches before the start of the output.
        let bad: [UInt8] = [0x00, 0x41, 0x20, 0x05]
        #expect(throws: CodecError.self) { try bad.withUnsafeBytes { try FastLZ.decompress($0, into: ByteBuffer()) } }
        // A literal run longer than what follows.
        let short: [UInt8] = [0x05, 0x41]
        #expect(throws: CodecError.self) { try short.withUnsafeBytes { try FastLZ.decompress($0, into: ByteBuffer()) } }
    }
}
