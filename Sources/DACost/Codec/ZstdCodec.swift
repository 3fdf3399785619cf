import CZstd

/// Zstandard (RFC 8878), as Scroll batches use it; also reads `.zst` traces.
public enum ZstdCodec {
    public static var libraryVersion: String { String(cString: ZSTD_versionString()) }

    static func check(_ rc: Int, _ codec: CodecID, _ call: String) throws -> Int {
        if ZSTD_isError(rc) != 0 {
            throw CodecError.library(codec: codec.description, call: call, message: String(cString: ZSTD_getErrorName(rc)))
        }
        return rc
    }

    public final class Compressor: DACost.Compressor {
        public let id: CodecID
        private let context: OpaquePointer
        private let dictionary: OpaquePointer?

        init(id: CodecID, dictionary: [UInt8]?) throws {
            self.id = id
            guard let c = ZSTD_createCCtx() else {
                throw CodecError.library(codec: id.description, call: "ZSTD_createCCtx", message: "out of memory")
            }
            context = c
            if let d = dictionary {
                // Digest the dictionary once; referencing it per stream is then free.
                let cdict = d.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, Int32(id.level)) }
                guard let cd = cdict else {
                    ZSTD_freeCCtx(c)
                    throw CodecError.library(codec: id.description, call: "ZSTD_createCDict", message: "invalid dictionary")
                }
                self.dictionary = cd
            } else {
                self.dictionary = nil
            }
        }

        deinit {
            ZSTD_freeCCtx(context)
            if let d = dictionary { ZSTD_freeCDict(d) }
        }

        public func begin(pledgedSize: Int?) throws {
            _ = try check(ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters), "ZSTD_CCtx_reset")
            _ = try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(id.level)), "ZSTD_c_compressionLevel")
            if let w = id.window {
                _ = try check(ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, Int32(w)), "ZSTD_c_windowLog")
            }
            if let d = dictionary { _ = try check(ZSTD_CCtx_refCDict(context, d), "ZSTD_CCtx_refCDict") }
            if let n = pledgedSize {
                _ = try check(ZSTD_CCtx_setPledgedSrcSize(context, UInt64(n)), "ZSTD_CCtx_setPledgedSrcSize")
            }
        }

        private func check(_ rc: Int, _ call: String) throws -> Int { try ZstdCodec.check(rc, id, call) }

        private func run(_ input: UnsafeRawBufferPointer, mode: ZSTD_EndDirective, into output: ByteBuffer) throws {
            var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
            while true {
                let room = max(Int(ZSTD_CStreamOutSize()), mode == ZSTD_e_end ? Int(ZSTD_compressBound(input.count)) : 0)
                let out = output.reserveFree(room)
                var outBuf = ZSTD_outBuffer(dst: out, size: room, pos: 0)
                let remaining = try check(ZSTD_compressStream2(context, &outBuf, &inBuf, mode), "ZSTD_compressStream2")
                output.advance(by: outBuf.pos)
                // Continue: all input taken; flush and end: nothing left inside the context.
                if mode == ZSTD_e_continue ? inBuf.pos == inBuf.size : remaining == 0 { return }
            }
        }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            guard input.count > 0 else { return }
            try run(input, mode: ZSTD_e_continue, into: output)
        }

        public func end(into output: ByteBuffer) throws {
            try run(UnsafeRawBufferPointer(start: nil, count: 0), mode: ZSTD_e_end, into: output)
        }

        public func flush(into output: ByteBuffer) throws -> Bool {
            try run(UnsafeRawBufferPointer(start: nil, count: 0), mode: ZSTD_e_flush, into: output)
            return true
        }

        /// One call over the whole input into a buffer of `ZSTD_compressBound` bytes: the same path
        /// `zstd -b` measures, so that the harness adds nothing to the codec's speed.
        public func compress(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            try begin(pledgedSize: input.count)
            let room = Int(ZSTD_compressBound(input.count))
            let out = output.reserveFree(room)
            let n = try check(ZSTD_compress2(context, out, room, input.baseAddress, input.count), "ZSTD_compress2")
            output.advance(by: n)
        }
    }

    public final class Decompressor: DACost.Decompressor {
        public let id: CodecID
        private let context: OpaquePointer
        private let dictionary: OpaquePointer?
        private var finished = false

        /// Largest window a stream may ask for; 2^27 is what the zstd tool accepts without --long.
        static let windowLogMax: Int32 = 27 // facebook/zstd lib/zstd.h ZSTD_WINDOWLOG_LIMIT_DEFAULT

        init(id: CodecID, dictionary: [UInt8]?) throws {
            self.id = id
            guard let c = ZSTD_createDCtx() else {
                throw CodecError.library(codec: id.description, call: "ZSTD_createDCtx", message: "out of memory")
            }
            context = c
            if let d = dictionary {
                guard let dd = d.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }) else {
                    ZSTD_freeDCtx(c)
                    throw CodecError.library(codec: id.description, call: "ZSTD_createDDict", message: "invalid dictionary")
                }
                self.dictionary = dd
            } else {
                self.dictionary = nil
            }
        }

        deinit {
            ZSTD_freeDCtx(context)
            if let d = dictionary { ZSTD_freeDDict(d) }
        }

        private func corrupt(_ rc: Int) -> CodecError {
            .corrupt(codec: id.description, reason: String(cString: ZSTD_getErrorName(rc)))
        }

        public func begin() throws {
            finished = false
            _ = try ZstdCodec.check(ZSTD_DCtx_reset(context, ZSTD_reset_session_and_parameters), id, "ZSTD_DCtx_reset")
            _ = try ZstdCodec.check(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, Self.windowLogMax), id, "ZSTD_d_windowLogMax")
            if let d = dictionary { _ = try ZstdCodec.check(ZSTD_DCtx_refDDict(context, d), id, "ZSTD_DCtx_refDDict") }
        }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
            while true {
                let room = Int(ZSTD_DStreamOutSize())
                let out = output.reserveFree(room)
                var outBuf = ZSTD_outBuffer(dst: out, size: room, pos: 0)
                let rc = ZSTD_decompressStream(context, &outBuf, &inBuf)
                if ZSTD_isError(rc) != 0 { throw corrupt(rc) }
                output.advance(by: outBuf.pos)
                // rc == 0: a frame ended. Further frames may follow (concatenated .zst files).
                finished = rc == 0
                if inBuf.pos == inBuf.size && outBuf.pos < outBuf.size { return }
            }
        }

        public func end(into output: ByteBuffer) throws {
            guard finished else { throw CodecError.corrupt(codec: id.description, reason: "the stream is truncated") }
        }

        /// One-call decompression when the size is known, as `zstd -b` measures it.
        public func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int, into output: ByteBuffer) throws {
            try begin()
            let out = output.reserveFree(expectedSize)
            let n = ZSTD_decompressDCtx(context, out, expectedSize, input.baseAddress, input.count)
            if ZSTD_isError(n) != 0 {
                // Sizes unknown or wrong: fall back to streaming, which reports the real problem.
                try begin()
                try write(input, into: output)
                try end(into: output)
                return
            }
            output.advance(by: n)
        }
    }

    /// Trains a dictionary on samples (ZDICT, as `zstd --train` does).
    public static func trainDictionary(samples: [[UInt8]], capacity: Int) throws -> [UInt8] {
        var joined = [UInt8](), sizes = [Int]()
        for s in samples { joined += s; sizes.append(s.count) }
        var dict = [UInt8](repeating: 0, count: capacity)
        let n = dict.withUnsafeMutableBytes { d in
            joined.withUnsafeBytes { j in
                sizes.withUnsafeBufferPointer { sz in
                    ZDICT_trainFromBuffer(d.baseAddress, capacity, j.baseAddress, sz.baseAddress, UInt32(sizes.count))
                }
            }
        }
        if ZDICT_isError(n) != 0 {
            throw CodecError.library(codec: "zstd", call: "ZDICT_trainFromBuffer", message: String(cString: ZDICT_getErrorName(n)))
        }
        return Array(dict.prefix(n))
    }
}

extension ZstdCodec {
    /// Bytes a compression stream at `level` holds (tables and window), from the library itself
    /// (`ZSTD_estimateCStreamSize`, facebook/zstd lib/zstd.h), plus a larger window when one is set.
    static func streamMemoryBytes(level: Int, windowLog: Int?) -> Int {
        let base = ZSTD_estimateCStreamSize(Int32(level))
        guard let w = windowLog else { return base }
        return base + max(0, (1 << w) - (1 << CodecID.zstdDefaultWindowLog(level: level))) * 2
    }
}
