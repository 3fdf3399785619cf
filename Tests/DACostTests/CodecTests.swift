import Foundation
import Testing
@testable import DACost

@Suite struct CodecTests {
    @Test func parsesAndPrintsCodecNames() throws {
        #expect(try CodecID(parsing: "zlib-9") == .zlib(9))
        #expect(try CodecID(parsing: "brotli") == .brotli(10))
        #expect(try CodecID(parsing: "brotli-11-w22").description == "brotli-11")
        #expect(try CodecID(parsing: "brotli-11-w24").description == "brotli-11-w24")
        #expect(try CodecID(parsing: "zstd-19-w22-dict").description == "zstd-19-w22-dict")
        #expect(try CodecID(parsing: "FASTLZ") == .fastlz)
        for bad in ["zlib-0", "zlib-10", "brotli-12", "brotli-5-w25", "zstd-23", "zstd-3-w9", "lz4", "zstd-3-dict-w20", ""] {
            #expect(throws: CodecError.self, "\(bad)") { _ = try CodecID(parsing: bad) }
        }
        #expect(try CodecID.parseList("zlib-9, zstd-3,zlib-9") == [.zlib(9), .zstd(3)])
    }

    @Test(arguments: ["none", "fastlz", "zlib-1", "zlib-9", "brotli-0", "brotli-11", "brotli-6-w10", "zstd-1", "zstd-19", "zstd-3-w17"])
    func everyCodecRoundTrips(_ name: String) throws {
        let id = try CodecID(parsing: name)
        let c = try id.makeCompressor(), d = try id.makeDecompressor()
        var rng = SeededRandom(seed: 11)
        for size in [0, 1, 100, 65_537, 300_000] {
            var data = [UInt8]()
            for i in 0..<size { data.append(i % 5 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : UInt8(i % 13)) }
            let packed = ByteBuffer(), back = ByteBuffer()
            try data.withUnsafeBytes { try c.compress($0, into: packed) }
            try d.decompress(packed.bytes, expectedSize: size, into: back)
            #expect(back.array == data, "\(name) size \(size)")
            // Streaming in pieces gives a stream the other side reads back too.
            let streamed = ByteBuffer(), back2 = ByteBuffer()
            try c.begin(pledgedSize: nil)
            try data.withUnsafeBytes { p in
                var off = 0
                while off < p.count { let n = min(7_777, p.count - off); try c.write(UnsafeRawBufferPointer(rebasing: p[off..<off + n]), into: streamed); off += n }
            }
            try c.end(into: streamed)
            // …and the decoder, fed in small pieces that cut tokens in half, restores it.
            try d.begin()
            var off = 0
            while off < streamed.count {
                let n = min(333, streamed.count - off)
                try d.write(UnsafeRawBufferPointer(rebasing: streamed.bytes[off..<off + n]), into: back2)
                off += n
            }
            try d.end(into: back2)
            #expect(back2.array == data, "\(name) streamed size \(size)")
        }
    }

    @Test func zstdDictionaryRoundTrips() throws {
        let reader = try TraceReader(path: TraceReaderTests.op)
        var txs = [[UInt8]]()
        while let tx = try reader.next() { txs.append(tx.bytes) }
        let dict = try ZstdCodec.trainDictionary(samples: Array(txs.prefix(1200)), capacity: 16 << 10)
        #expect(dict.count > 1000)
        let id = CodecID.zstd(3, dictionary: true)
        let options = CodecOptions(zstdDictionary: dict)
        let c = try id.makeCompressor(options: options), d = try id.makeDecompressor(options: options)
        let plain = try CodecID.zstd(3).makeCompressor()
        var withDict = 0, without = 0
        for tx in txs.suffix(500) {
            let out = ByteBuffer(), back = ByteBuffer(), p = ByteBuffer()
            try tx.withUnsafeBytes { try c.compress($0, into: out); try plain.compress($0, into: p) }
            try d.decompress(out.bytes, expectedSize: tx.count, into: back)
            #expect(back.array == tx)
            withDict += out.count; without += p.count
        }
        // On held-out transactions the dictionary pays (about 6% here: signatures stay incompressible).
        #expect(Double(withDict) < 0.97 * Double(without))
        #expect(throws: CodecError.dictionaryMissing(codec: "zstd-3-dict")) { _ = try id.makeCompressor() }
    }

    @Test func corruptStreamsAreErrorsNotCrashes() throws {
        let garbage: [UInt8] = Array(repeating: 0x5a, count: 64)
        for name in ["zlib-9", "brotli-10", "zstd-3", "fastlz"] {
            let d = try CodecID(parsing: name).makeDecompressor()
            #expect(throws: CodecError.self, "\(name)") {
                try garbage.withUnsafeBytes { try d.decompress($0, expectedSize: 64, into: ByteBuffer()) }
            }
        }
    }

    @Test func libraryVersionsAreReported() {
        let v = CodecID.libraryVersions
        #expect(v["zstd"]?.split(separator: ".").count == 3)
        #expect(v["brotli"]?.split(separator: ".").count == 3)
        #expect(v["zlib"]?.hasPrefix("1.") == true)
    }
}

@Suite struct ReferenceRatioTests {
    /// The real OP trace as one batch: ratios measured with the Debian zlib, brotli and zstd tools on
    /// the same bytes (issue #2): within 1%.
    @Test func wholeTraceRatiosMatchTheReferenceTools() throws {
        let codecs: [CodecID] = [.zlib(9), .brotli(10), .brotli(11), .zstd(3), .zstd(19)]
        var run = CompressionRun(codecs: codecs, targets: [.all])
        run.timing = false
        run.verify = true
        let profile = try run.run(tracePath: TraceReaderTests.op)
        let expected: [CodecID: Double] = [.zlib(9): 0.4475, .brotli(10): 0.397, .brotli(11): 0.388, .zstd(3): 0.406, .zstd(19): 0.391]
        for (codec, ratio) in expected {
            let r = try #require(profile.result(codec: codec, batch: .all))
            #expect(abs(r.ratio - ratio) / ratio < 0.01, "\(codec): \(r.ratio) vs \(ratio)")
        }
        // Exact sizes from the C libraries (zlib 1.2.13 level 9 = Python zlib.compress(…, 9)).
        #expect(profile.result(codec: .zlib(9), batch: .all)?.compressedBytes == 635_323)
    }
}
