#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A stream of bytes read in chunks, never the whole file at once.
public protocol ByteSource: AnyObject {
    /// Appends up to about `chunk` bytes to `buffer`; returns false at the end of the stream.
    func read(into buffer: ByteBuffer, chunk: Int) throws -> Bool
}

/// A plain file.
public final class FileSource: ByteSource {
    public let path: String
    private let file: UnsafeMutablePointer<FILE>

    public init(path: String) throws {
        guard let f = fopen(path, "rb") else {
            if errno == ENOENT { throw TraceError.fileNotFound(path: path) }
            throw TraceError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var st = stat()
        let statted = fstat(fileno(f), &st) == 0
        if statted, (st.st_mode & S_IFMT) == S_IFDIR {
            fclose(f)
            throw TraceError.unreadable(path: path, reason: "it is a directory")
        }
        file = f
        self.path = path
        size = statted && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : nil
    }

    /// Bytes read so far.
    public private(set) var bytesRead = 0
    /// The size of a regular file; nil for a pipe or device.
    public let size: Int?

    deinit { fclose(file) }

    public func read(into buffer: ByteBuffer, chunk: Int) throws -> Bool {
        let p = buffer.reserveFree(chunk)
        let n = fread(p, 1, chunk, file)
        buffer.advance(by: n)
        bytesRead &+= n
        if n < chunk {
            if ferror(file) != 0 { throw TraceError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            return n > 0
        }
        return true
    }
}

/// A compressed stream (gzip or zstd) decoded on the fly.
public final class DecompressingSource: ByteSource {
    private let inner: ByteSource
    private let decompressor: Decompressor
    private let path: String
    private let format: String
    private let raw = ByteBuffer(capacity: 1 << 17)
    private var done = false

    public init(_ inner: ByteSource, decompressor: Decompressor, path: String, format: String) throws {
        self.inner = inner; self.decompressor = decompressor; self.path = path; self.format = format
        try decompressor.begin()
    }

    public func read(into buffer: ByteBuffer, chunk: Int) throws -> Bool {
        if done { return false }
        let before = buffer.count
        while buffer.count == before {
            raw.removeAll()
            // Compressed input in small pieces, so that a bomb is caught by the line limit before it fills
            // memory: 16 KiB of gzip yields at most ~16 MiB (deflate's ceiling is ~1032:1); zstd can
            // encode a 128 KiB block of one repeated byte in 4 bytes, so it gets 1 KiB (at most ~32 MiB).
            let more = try inner.read(into: raw, chunk: format == "zstd" ? 1 << 10 : 1 << 14)
            do {
                if raw.count > 0 { try decompressor.write(raw.bytes, into: buffer) }
                if !more { try decompressor.end(into: buffer); done = true; break }
            } catch let e as CodecError {
                throw TraceError.truncatedCompression(path: path, format: format, reason: "\(e)")
            }
        }
        return buffer.count > before || !done
    }
}

/// Splits a byte stream into lines (LF or CRLF) without copying each line.
public final class LineReader {
    private let source: ByteSource
    private let buffer = ByteBuffer(capacity: 1 << 20)
    private var start = 0
    private var eof = false
    public private(set) var lineNumber = 0
    /// The longest line read (64 MiB): far above any real transaction (geth's pool refuses transactions
    /// over 128 KiB) or a JSON block line, and a bound on memory for a line that never ends.
    public static let maxLineBytes = 64 << 20
    /// The largest JSON document spread over many lines (read whole, unlike JSON lines).
    public static let maxDocumentBytes = 512 << 20
    private let path: String

    public init(_ source: ByteSource, path: String = "") { self.source = source; self.path = path }

    /// The next line without its terminator; valid until the next call.
    public func next() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            let base = buffer.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) // allowed: buffer always allocated
            let avail = buffer.count - start
            if avail > 0, let nl = memchr(base + start, 0x0a, avail) {
                let end = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base
                var stop = end
                if stop > start && base[stop - 1] == 0x0d { stop -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: stop - start)
                start = end + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard avail > 0 else { return nil }
                var stop = buffer.count
                if base[stop - 1] == 0x0d { stop -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: stop - start)
                start = buffer.count
                lineNumber += 1
                return line
            }
            if avail > Self.maxLineBytes {
                throw TraceError.badLine(path: path, line: lineNumber + 1, field: nil,
                                         problem: "the line is longer than \(Self.maxLineBytes >> 20) MiB without an end: expected a transaction or a block per line")
            }
            // Move the unfinished line to the front, then read more.
            if start > 0 { buffer.removeFirst(start); start = 0 }
            if try !source.read(into: buffer, chunk: readChunk) { eof = true }
        }
    }

    /// What the buffer holds without growing (at least 64 KiB): a short file then costs one read
    /// into the first allocation, not a doubling and a copy of it.
    private var readChunk: Int { max(buffer.freeCapacity, 1 << 16) }

    /// `line` (the line `next` returned last, still valid) and everything after it to the end of
    /// the stream, as one piece: for a JSON document laid out over many lines.
    public func remainder(from line: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        guard let lineStart = line.baseAddress.map({ UnsafeRawPointer($0) - UnsafeRawPointer(buffer.bytes.baseAddress!) }) else { return [] } // allowed: buffer always allocated
        while !eof {
            if try !source.read(into: buffer, chunk: readChunk) { eof = true }
            if buffer.count - lineStart > Self.maxDocumentBytes {
                throw TraceError.badLine(path: path, line: lineNumber, field: nil,
                                         problem: "a JSON document over many lines is read whole, and this one is larger than \(Self.maxDocumentBytes >> 20) MiB: write one transaction or block per line (JSON lines) instead")
            }
        }
        let rest = Array(buffer.bytes[lineStart...])
        start = buffer.count
        return rest
    }
}
