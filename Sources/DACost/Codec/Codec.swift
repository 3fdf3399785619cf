/// An incremental compressor. One instance holds the native context of one codec and is reused
/// for many streams by one thread (contexts are costly to create: reuse is what `zstd -b` does too).
public protocol Compressor: AnyObject {
    var id: CodecID { get }
    /// Starts a new stream. `pledgedSize` is the total input length when known; zstd and brotli pick
    /// their parameters from it, as their command-line tools do for a file.
    func begin(pledgedSize: Int?) throws
    func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws
    func end(into output: ByteBuffer) throws
    /// Compresses all of `input` as one stream, appending to `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws
    /// Emits everything written so far, so that the output decodes to it, and goes on with the same history
    /// (brotli's FLUSH, zstd's `ZSTD_e_flush`). False when the codec cannot.
    func flush(into output: ByteBuffer) throws -> Bool
}

extension Compressor {
    public func flush(into output: ByteBuffer) throws -> Bool { false }

    public func compress(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws {
        try begin(pledgedSize: input.count)
        try write(input, into: output)
        try end(into: output)
    }
}

/// An incremental decompressor, the inverse of a `Compressor` with the same `CodecID`.
public protocol Decompressor: AnyObject {
    var id: CodecID { get }
    func begin() throws
    func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) throws
    /// Fails when the stream is incomplete (truncated input).
    func end(into output: ByteBuffer) throws
    /// Decompresses one whole stream; `expectedSize` is a capacity hint.
    func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int, into output: ByteBuffer) throws
}

extension Decompressor {
    public func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int, into output: ByteBuffer) throws {
        _ = output.reserveFree(expectedSize)
        try begin()
        try write(input, into: output)
        try end(into: output)
    }
}

/// What a codec needs beyond its name.
public struct CodecOptions {
    /// A zstd dictionary (raw or trained) for `zstd-L-dict`.
    public var zstdDictionary: [UInt8]?
    public init(zstdDictionary: [UInt8]? = nil) { self.zstdDictionary = zstdDictionary }
}

extension CodecID {
    public func makeCompressor(options: CodecOptions = CodecOptions()) throws -> Compressor {
        switch family {
        case .none: return IdentityCodec.Compressor(id: self)
        case .fastlz: return FastLZCodec.Compressor()
        case .zlib: return try ZlibCodec.Compressor(id: self, level: level, format: .zlib)
        case .brotli: return BrotliCodec.Compressor(id: self)
        case .zstd: return try ZstdCodec.Compressor(id: self, dictionary: try dictionary(options))
        }
    }

    public func makeDecompressor(options: CodecOptions = CodecOptions()) throws -> Decompressor {
        switch family {
        case .none: return IdentityCodec.Decompressor(id: self)
        case .fastlz: return FastLZCodec.Decompressor()
        case .zlib: return try ZlibCodec.Decompressor(id: self, format: .zlib)
        case .brotli: return try BrotliCodec.Decompressor(id: self)
        case .zstd: return try ZstdCodec.Decompressor(id: self, dictionary: try dictionary(options))
        }
    }

    private func dictionary(_ options: CodecOptions) throws -> [UInt8]? {
        guard usesDictionary else { return nil }
        guard let d = options.zstdDictionary else { throw CodecError.dictionaryMissing(codec: description) }
        return d
    }

    /// The library and version behind this codec, as reports record it (`zstd`, `1.5.4`).
    public var library: (name: String, version: String) {
        switch family {
        case .none: return ("none", "-")
        case .fastlz: return ("fastlz", "solady-LibZip")
        case .zlib: return ("zlib", ZlibCodec.libraryVersion)
        case .brotli: return ("brotli", BrotliCodec.libraryVersion)
        case .zstd: return ("zstd", ZstdCodec.libraryVersion)
        }
    }

    /// Library versions of every codec family this build links, keyed by library name.
    public static var libraryVersions: [String: String] {
        ["zlib": ZlibCodec.libraryVersion, "brotli": BrotliCodec.libraryVersion,
         "zstd": ZstdCodec.libraryVersion, "fastlz": "solady-LibZip"]
    }
}

/// `none`: the bytes as they are; the baseline every ratio is read against.
public enum IdentityCodec {
    public final class Compressor: DACost.Compressor {
        public let id: CodecID
        init(id: CodecID) { self.id = id }
        public func begin(pledgedSize: Int?) {}
        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) { output.append(input) }
        public func end(into output: ByteBuffer) {}
    }
    public final class Decompressor: DACost.Decompressor {
        public let id: CodecID
        init(id: CodecID) { self.id = id }
        public func begin() {}
        public func write(_ input: UnsafeRawBufferPointer, into output: ByteBuffer) { output.append(input) }
        public func end(into output: ByteBuffer) {}
    }
}
