import CZlib

/// zlib (RFC 1950) as OP Stack channels use it, and gzip (RFC 1952) for reading `.gz` traces.
public enum ZlibCodec {
    public enum Format {
        case zlib, gzip, auto
        /// zlib's windowBits convention: 15 = zlib wrapper, 31 = gzip, 47 = detect either.
        var windowBits: Int32 { self == .zlib ? 15 : self == .gzip ? 31 : 47 }
    }

    public static var libraryVersion: String { String(cString: zlibVersion()) }

    /// zlib's own default memLevel (zconf.h DEF_MEM_LEVEL); the zlib tool and Go's zlib keep it too.
    static let memLevel: Int32 = 8 // madler/zlib deflate.h DEF_MEM_LEVEL
    static let chunk = 1 << 16

    static func message(_ stream: z_stream, _ code: Int32) -> String {
        if let m = stream.msg { return String(cString: m) }
        return "zlib error \(code)"
    }

    public final class Compressor: DACost.Compressor {
        public let id: CodecID
        private var stream = z_stream()
        private let level: Int32

        init(id: CodecID, level: Int, format: Format) throws {
            self.id = id
            self.level = Int32(level)
            let rc = dacost_deflateInit2(&stream, self.level, format.windowBits, ZlibCodec.memLevel)
            guard rc == Z_OK else { throw CodecError.library(codec: id.description, call: "deflateInit2", message: "code \(rc)") }
        }

        deinit { deflateEnd(&stream) }

        public func begin(pledgedSize: Int?) throws {
            let rc = deflateReset(&stream)
            guard rc == Z_OK else { throw CodecError.library(codec: id.description, call: "deflateReset", message: "code \(rc)") }
        }

        private func run(_ input: UnsafeRawBufferPointer, flush: Int32, into output: ByteBuffer) throws {
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            while true {
                let room = max(ZlibCodec.chunk, Int(deflateBound(&stream, uLong(stream.avail_in))))
                let out = output.reserveFree(room)
                stream.next_out = out.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(room)
                let rc = deflate(&stream, flush)
                output.advance(by: room - Int(stream.avail_out))
                if rc == Z_STREAM_END { return }
                guard rc == Z_OK || rc == Z_BUF_ERROR else {
                    throw CodecError.library(codec: id.description, call: "deflate", message: ZlibCodec.message(stream, rc))
                }
                if flush == Z_NO_FLUSH && stream.avail_in == 0 { return }
            }
        }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            guard input.count > 0 else { return }
            try run(input, flush: Z_NO_FLUSH, into: output)
        }

        public func end(into output: ByteBuffer) throws {
            try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, into: output)
        }
    }

    public final class Decompressor: DACost.Decompressor {
        public let id: CodecID
        private var stream = z_stream()
        private let format: Format
        private var finished = false
        /// gzip files may hold several members back to back (pigz, `cat a.gz b.gz`).
        private let multiMember: Bool

        init(id: CodecID, format: Format) throws {
            self.id = id
            self.format = format
            self.multiMember = format != .zlib
            let rc = dacost_inflateInit2(&stream, format.windowBits)
            guard rc == Z_OK else { throw CodecError.library(codec: id.description, call: "inflateInit2", message: "code \(rc)") }
        }

        deinit { inflateEnd(&stream) }

        public func begin() throws {
            finished = false
            let rc = inflateReset(&stream)
            guard rc == Z_OK else { throw CodecError.library(codec: id.description, call: "inflateReset", message: "code \(rc)") }
        }

        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            while stream.avail_in > 0 {
                if finished {
                    guard multiMember else {
                        throw CodecError.corrupt(codec: id.description, reason: "\(stream.avail_in) bytes after the end of the stream")
                    }
                    try begin()
                }
                let room = ZlibCodec.chunk * 4
                let out = output.reserveFree(room)
                stream.next_out = out.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(room)
                let rc = inflate(&stream, Z_NO_FLUSH)
                output.advance(by: room - Int(stream.avail_out))
                switch rc {
                case Z_STREAM_END: finished = true
                case Z_OK: break
                case Z_BUF_ERROR: if stream.avail_out != 0 { return }
                default: throw CodecError.corrupt(codec: id.description, reason: ZlibCodec.message(stream, rc))
                }
            }
            // Flush what inflate still holds when the input ran out exactly at a boundary.
            while !finished {
                let room = ZlibCodec.chunk * 4
                let out = output.reserveFree(room)
                stream.next_out = out.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(room)
                let rc = inflate(&stream, Z_NO_FLUSH)
                let produced = room - Int(stream.avail_out)
                output.advance(by: produced)
                if rc == Z_STREAM_END { finished = true; break }
                if rc == Z_BUF_ERROR || produced == 0 { break }
                guard rc == Z_OK else { throw CodecError.corrupt(codec: id.description, reason: ZlibCodec.message(stream, rc)) }
            }
        }

        public func end(into output: ByteBuffer) throws {
            guard finished else { throw CodecError.corrupt(codec: id.description, reason: "the stream is truncated") }
        }
    }
}
