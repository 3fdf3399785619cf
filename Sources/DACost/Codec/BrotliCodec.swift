import CBrotli

/// Brotli (RFC 7932), as OP Stack channels from Fjord and Arbitrum Nitro batches use it.
public enum BrotliCodec {
    public static var libraryVersion: String {
        let v = BrotliEncoderVersion() // 0xMMMmmmppp: major << 24 | minor << 12 | patch
        return "\(v >> 24).\((v >> 12) & 0xfff).\(v & 0xfff)"
    }

    static let chunk = 1 << 16

    /// Length of `input` compressed in one shot at `quality` with a 2^`window`-byte window (nil: brotli
    /// failed). What nitro's `arbcompress.CompressLevel` measures for a transaction's L1 units (window 22).
    public static func compressedLength(_ input: [UInt8], quality: Int32, window: Int32 = 22) -> Int? {
        var size = BrotliEncoderMaxCompressedSize(input.count)
        if size == 0 { size = input.count + 1024 }
        var out = [UInt8](repeating: 0, count: size)
        let ok = input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                BrotliEncoderCompress(quality, window, BROTLI_MODE_GENERIC, i.count, i.baseAddress, &size, o.baseAddress)
            }
        }
        return ok == BROTLI_TRUE ? size : nil
    }

    public final class Compressor: DACost.Compressor {
        public let id: CodecID
        private var state: OpaquePointer?

        init(id: CodecID) { self.id = id }
        deinit { if let s = state { BrotliEncoderDestroyInstance(s) } }

        public func begin(pledgedSize: Int?) throws {
            // Brotli has no reset: a fresh instance per stream (cheap next to level 10/11 work).
            if let s = state { BrotliEncoderDestroyInstance(s) }
            guard let s = BrotliEncoderCreateInstance(nil, nil, nil) else {
                throw CodecError.library(codec: id.description, call: "BrotliEncoderCreateInstance", message: "out of memory")
            }
            state = s
            BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, UInt32(id.level))
            BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, UInt32(id.window ?? CodecID.brotliDefaultWindow))
            if let n = pledgedSize, n < Int(UInt32.max) {
                // The brotli tool passes the file size the same way.
                BrotliEncoderSetParameter(s, BROTLI_PARAM_SIZE_HINT, UInt32(n))
            }
        }

        private func run(_ input: UnsafeRawBufferPointer, op: BrotliEncoderOperation, into output: ByteBuffer) throws {
            guard let s = state else { throw CodecError.library(codec: id.description, call: "compress", message: "begin() not called") }
            var availIn = input.count
            var nextIn: UnsafePointer<UInt8>? = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            while true {
                let room = BrotliCodec.chunk
                let out = output.reserveFree(room)
                var availOut = room
                var nextOut: UnsafeMutablePointer<UInt8>? = out.assumingMemoryBound(to: UInt8.self)
                guard BrotliEncoderCompressStream(s, op, &availIn, &nextIn, &availOut, &nextOut, nil) == BROTLI_TRUE else {
                    throw CodecError.library(codec: id.description, call: "BrotliEncoderCompressStream", message: "failed")
                }
                output.advance(by: room - availOut)
                if op == BROTLI_OPERATION_FINISH {
                    if BrotliEncoderIsFinished(s) == BROTLI_TRUE { return }
                } else if availIn == 0 && BrotliEncoderHasMoreOutput(s) == BROTLI_FALSE {
                    return
                }
            }
        }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            guard input.count > 0 else { return }
            try run(input, op: BROTLI_OPERATION_PROCESS, into: output)
        }

        public func flush(into output: ByteBuffer) throws -> Bool {
            try run(UnsafeRawBufferPointer(start: nil, count: 0), op: BROTLI_OPERATION_FLUSH, into: output)
            return true
        }

        public func end(into output: ByteBuffer) throws {
            try run(UnsafeRawBufferPointer(start: nil, count: 0), op: BROTLI_OPERATION_FINISH, into: output)
            // The next stream gets a fresh instance anyway: free this one's window and hash tables (tens of
            // MB at levels 10 and 11) now rather than keep them while this compressor waits.
            if let s = state { BrotliEncoderDestroyInstance(s); state = nil }
        }
    }

    public final class Decompressor: DACost.Decompressor {
        public let id: CodecID
        private var state: OpaquePointer?
        private var finished = false

        init(id: CodecID) throws {
            self.id = id
        }
        deinit { if let s = state { BrotliDecoderDestroyInstance(s) } }

        public func begin() throws {
            if let s = state { BrotliDecoderDestroyInstance(s) }
            guard let s = BrotliDecoderCreateInstance(nil, nil, nil) else {
                throw CodecError.library(codec: id.description, call: "BrotliDecoderCreateInstance", message: "out of memory")
            }
            state = s
            finished = false
        }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            guard let s = state else { throw CodecError.library(codec: id.description, call: "decompress", message: "begin() not called") }
            var availIn = input.count
            var nextIn: UnsafePointer<UInt8>? = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            while true {
                if finished {
                    if availIn > 0 { throw CodecError.corrupt(codec: id.description, reason: "\(availIn) bytes after the end of the stream") }
                    return
                }
                let room = BrotliCodec.chunk * 4
                let out = output.reserveFree(room)
                var availOut = room
                var nextOut: UnsafeMutablePointer<UInt8>? = out.assumingMemoryBound(to: UInt8.self)
                let rc = BrotliDecoderDecompressStream(s, &availIn, &nextIn, &availOut, &nextOut, nil)
                output.advance(by: room - availOut)
                switch rc {
                case BROTLI_DECODER_RESULT_SUCCESS: finished = true
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: return
                default:
                    let code = BrotliDecoderGetErrorCode(s)
                    throw CodecError.corrupt(codec: id.description, reason: String(cString: BrotliDecoderErrorString(code)))
                }
            }
        }

        public func end(into output: ByteBuffer) throws {
            guard finished else { throw CodecError.corrupt(codec: id.description, reason: "the stream is truncated") }
        }
    }
}
