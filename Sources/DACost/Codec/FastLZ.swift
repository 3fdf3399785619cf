/// FastLZ level 1 exactly as Vectorized/solady `LibZip.flzCompress` (js/solady.js) encodes it, and as
/// ethereum-optimism/op-geth `core/types/rollup_cost.go` `FlzCompressLen` counts it: the size that the
/// OP Stack Fjord L1 fee formula charges users for.
public enum FastLZ {
    /// 13-bit hash table (solady/op-geth `hash`: `((2654435769 * v) >> 19) & 0x1fff`).
    static let hashLog = 13 // op-geth core/types/rollup_cost.go FlzCompressLen (ht := make([]uint32, 8192))
    /// Largest back-reference distance.
    static let maxDistance = 8191 // op-geth core/types/rollup_cost.go FlzCompressLen (d <= 0x1fff)
    /// Longest literal run per marker byte.
    static let maxLiteralRun = 32 // solady js/solady.js flzCompress literals()
    /// Match length carried by one long-match triple.
    static let maxMatchChunk = 262 // solady js/solady.js flzCompress (l > 262)

    @inline(__always) static func hash(_ v: UInt32) -> Int { Int(((2654435769 &* v) >> 19) & 0x1fff) }

    @inline(__always) static func u24(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16
    }

    /// Compresses `input`, appending the FastLZ stream to `output`.
    public static func compress(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        // Worst case: one marker per 32 literals, and matches never grow the data.
        let bound = input.count + input.count / 32 + 16
        var sink = ByteSink(input: base.assumingMemoryBound(to: UInt8.self),
                            out: output.reserveFree(bound).assumingMemoryBound(to: UInt8.self))
        parse(input, &sink)
        output.advance(by: sink.written)
    }

    /// The compressed length without producing output: op-geth `FlzCompressLen`.
    public static func compressedLength(_ input: UnsafeRawBufferPointer) -> Int {
        var sink = LengthSink()
        parse(input, &sink)
        return sink.length
    }

    public static func compressedLength(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { compressedLength($0) } }

    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let out = ByteBuffer(capacity: bytes.count + bytes.count / 32 + 16)
        bytes.withUnsafeBytes { compress($0, into: out) }
        return out.array
    }

    /// The LZ77 parse shared by `compress` and `compressedLength`; generic so that each sink is
    /// specialised and inlined into the loop.
    @inline(__always)
    static func parse<Sink: FastLZSink>(_ input: UnsafeRawBufferPointer, _ sink: inout Sink) {
        let count = input.count
        guard let raw = input.baseAddress, count > 0 else { return }
        let ib = raw.assumingMemoryBound(to: UInt8.self)
        var a = 0
        let ipLimit = count >= 13 ? count - 13 : 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 1 << hashLog) { ht in
            ht.initialize(repeating: 0)
            var ip = 2
            while ip < ipLimit {
                var r = 0, d = 0
                while true {
                    let s = u24(ib, ip)
                    let h = hash(s)
                    r = Int(ht[h])
                    ht[h] = UInt32(truncatingIfNeeded: ip)
                    d = ip - r
                    if ip >= ipLimit { break }
                    ip += 1
                    if d <= maxDistance && s == u24(ib, r) { break }
                }
                if ip >= ipLimit { break }
                ip -= 1
                // Compare from 3 bytes in, up to 4 bytes before the end (solady: e = b - q).
                var l = 0
                let p = r + 3, q = ip + 3, e = ipLimit + 9 - q
                while l < e && ib[p + l] == ib[q + l] { l += 1 }
                // The reference loop steps once more past the first mismatch (`e *= …; l++`).
                if l < e { l += 1 }
                if ip > a { sink.literals(from: a, count: ip - a) }
                sink.match(distance: d - 1, length: l)
                ip += l
                ht[hash(u24(ib, ip))] = UInt32(truncatingIfNeeded: ip); ip += 1
                ht[hash(u24(ib, ip))] = UInt32(truncatingIfNeeded: ip); ip += 1
                a = ip
            }
        }
        if count > a { sink.literals(from: a, count: count - a) }
    }

    /// Decompresses a FastLZ stream (solady `flzDecompress`), rejecting references outside the output.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
        guard let raw = input.baseAddress else { return }
        let ib = raw.assumingMemoryBound(to: UInt8.self)
        let n = input.count
        let start = output.count
        var i = 0
        while i < n {
            let t = Int(ib[i] >> 5)
            if t == 0 {
                let l = 1 + Int(ib[i]); i += 1
                guard i + l <= n else { throw CodecError.corrupt(codec: "fastlz", reason: "literal run past the end of the input at byte \(i - 1)") }
                output.append(UnsafeRawBufferPointer(start: ib + i, count: l))
                i += l
            } else {
                let long = t == 7
                guard i + (long ? 2 : 1) < n else { throw CodecError.corrupt(codec: "fastlz", reason: "match cut short at byte \(i)") }
                let f = 256 * Int(ib[i] & 31) + Int(ib[i + (long ? 2 : 1)])
                let l = long ? 9 + Int(ib[i + 1]) : 2 + t
                i += long ? 3 : 2
                let o = output.count - start
                guard f + 1 <= o else { throw CodecError.corrupt(codec: "fastlz", reason: "back-reference \(f + 1) before the start of the output") }
                let dst = output.reserveFree(l).assumingMemoryBound(to: UInt8.self)
                let src = dst - (f + 1)
                // Byte by byte: the reference may overlap what it writes (runs).
                for k in 0..<l { dst[k] = src[k] }
                output.advance(by: l)
            }
        }
    }
}

/// Receives the parse: literal runs and matches (a match of `length` decodes as `length + 2` bytes).
protocol FastLZSink {
    mutating func literals(from start: Int, count: Int)
    mutating func match(distance: Int, length: Int)
}

/// Counts bytes as op-geth `FlzCompressLen` does.
struct LengthSink: FastLZSink {
    var length = 0
    @inline(__always) mutating func literals(from start: Int, count: Int) {
        length += 33 * (count / 32)
        let rest = count % 32
        if rest != 0 { length += rest + 1 }
    }
    @inline(__always) mutating func match(distance: Int, length l: Int) {
        length += 3 * ((l - 1) / FastLZ.maxMatchChunk)
        length += ((l - 1) % FastLZ.maxMatchChunk) >= 6 ? 3 : 2
    }
}

/// Writes the solady encoding into memory reserved for the worst case.
struct ByteSink: FastLZSink {
    let input: UnsafePointer<UInt8>
    let out: UnsafeMutablePointer<UInt8>
    var written = 0

    @inline(__always) mutating func literals(from start: Int, count: Int) {
        var s = start, r = count
        while r >= FastLZ.maxLiteralRun {
            out[written] = 31
            (out + written + 1).update(from: input + s, count: 32)
            written += 33; s += 32; r -= 32
        }
        if r > 0 {
            out[written] = UInt8(r - 1)
            (out + written + 1).update(from: input + s, count: r)
            written += r + 1
        }
    }

    @inline(__always) mutating func match(distance d: Int, length: Int) {
        var l = length
        while l > FastLZ.maxMatchChunk {
            out[written] = UInt8(224 + (d >> 8)); out[written + 1] = 253; out[written + 2] = UInt8(d & 255)
            written += 3
            l -= FastLZ.maxMatchChunk
        }
        if l < 7 {
            out[written] = UInt8((l << 5) + (d >> 8)); out[written + 1] = UInt8(d & 255)
            written += 2
        } else {
            out[written] = UInt8(224 + (d >> 8)); out[written + 1] = UInt8(l - 7); out[written + 2] = UInt8(d & 255)
            written += 3
        }
    }
}

/// FastLZ as a streaming `Compressor`. FastLZ has no streaming form, so input is gathered and
/// compressed in blocks of `blockSize`: below that (every batch, and whole traces up to 8 MiB) the
/// output is exactly the one-shot encoding; above it, independent blocks keep memory bounded at the
/// cost of a few bytes per block (matches reach back at most 8,191 bytes anyway). Block streams
/// concatenate: the decoder reads them as one.
public enum FastLZCodec {
    public static let blockSize = 8 << 20

    public final class Compressor: DACost.Compressor {
        public let id = CodecID.fastlz
        private let pending = ByteBuffer()
        public func begin(pledgedSize: Int?) { pending.removeAll() }
        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) {
            var rest = input
            while rest.count > 0 {
                let n = min(rest.count, FastLZCodec.blockSize - pending.count)
                pending.append(UnsafeRawBufferPointer(rebasing: rest[0..<n]))
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
                if pending.count == FastLZCodec.blockSize { FastLZ.compress(pending.bytes, into: output); pending.removeAll() }
            }
        }
        public func end(into output: ByteBuffer) { FastLZ.compress(pending.bytes, into: output); pending.removeAll() }
        public func compress(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) { FastLZ.compress(input, into: output) }
    }

    /// Decodes tokens as soon as they are complete, keeping only the last 8 KiB of output that
    /// back-references may reach.
    public final class Decompressor: DACost.Decompressor {
        public let id = CodecID.fastlz
        private let pending = ByteBuffer()
        private let history = ByteBuffer(capacity: 1 << 17)

        public func begin() { pending.removeAll(); history.removeAll() }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            pending.append(input)
            let ib = pending.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) // allowed: buffer always allocated
            let n = pending.count
            var i = 0
            while i < n {
                let t = Int(ib[i] >> 5)
                if t == 0 {
                    let l = 1 + Int(ib[i])
                    guard i + 1 + l <= n else { break }
                    history.append(UnsafeRawBufferPointer(start: ib + i + 1, count: l))
                    i += 1 + l
                } else {
                    let long = t == 7
                    guard i + (long ? 2 : 1) < n else { break }
                    let f = 256 * Int(ib[i] & 31) + Int(ib[i + (long ? 2 : 1)])
                    let l = long ? 9 + Int(ib[i + 1]) : 2 + t
                    guard f + 1 <= history.count else {
                        throw CodecError.corrupt(codec: "fastlz", reason: "back-reference \(f + 1) before the start of the output")
                    }
                    let dst = history.reserveFree(l).assumingMemoryBound(to: UInt8.self)
                    let src = dst - (f + 1)
                    for k in 0..<l { dst[k] = src[k] }
                    history.advance(by: l)
                    i += long ? 3 : 2
                }
            }
            pending.removeFirst(i)
            // Hand over everything but the reachable window.
            let keep = FastLZ.maxDistance + 1
            if history.count > keep {
                output.append(UnsafeRawBufferPointer(start: history.bytes.baseAddress, count: history.count - keep))
                history.removeFirst(history.count - keep)
            }
        }

        public func end(into output: ByteBuffer) throws {
            guard pending.count == 0 else {
                throw CodecError.corrupt(codec: "fastlz", reason: "the stream is truncated (\(pending.count) bytes of an unfinished token)")
            }
            output.append(history.bytes)
            history.removeAll()
        }

        public func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int, into output: ByteBuffer) throws {
            try FastLZ.decompress(input, into: output)
        }
    }
}
