import DACost
import Foundation

/// An output file built over a long fetch that may be interrupted at any moment (Ctrl-C, SIGKILL,
/// a provider giving up): data goes to `NAME.partial`, and at each checkpoint the position reached
/// is recorded in `NAME.checkpoint.json` (written atomically). A re-run truncates the partial file
/// to the recorded length and carries on; only the finished file is renamed to `NAME`, so no
/// partial file ever sits under the output name. With `.zst`, each checkpoint ends a zstd frame
/// (readers decode concatenated frames), so resuming never re-compresses what is written. Level 1:
/// a fetch writes hundreds of MB/s of hex, and level 3 would make the compressor the bottleneck.
public final class CheckpointedOutput {
    /// What the checkpoint file holds.
    public struct State: Codable, Equatable, Sendable {
        public var schema = "dacost.fetch-checkpoint/v1"
        /// "txs" or "fees".
        public var kind: String
        public var from: UInt64
        public var to: UInt64
        /// The first block not yet written.
        public var next: UInt64
        /// Hash of block `next - 1`, for the continuity check across the restart.
        public var lastHash: String?
        /// Length of the partial file at the checkpoint.
        public var bytes: Int
        public var transactions = 0
        public var depositsSkipped = 0
        public var transactionBytes = 0
    }

    public let path: String
    public var partialPath: String { path + ".partial" }
    public var checkpointPath: String { path + ".checkpoint.json" }
    /// The state to continue from: the checkpoint when resuming, a fresh state otherwise.
    public private(set) var state: State
    public let resumed: Bool
    private var fd: Int32
    private var length: Int
    /// Where the bytes not yet handed to writeback start.
    private var unadvised = 0
    private let compressor: Compressor?
    private let pending = ByteBuffer(capacity: 1 << 20)
    private var frameOpen = false
    /// A resume point not yet written to the checkpoint file.
    private var marked: State?

    /// Opens `path` for a fetch of `kind` over `from...to`, resuming from a matching checkpoint.
    /// `header` starts a new file (the CSV header row).
    public init(path: String, kind: String, from: UInt64, to: UInt64, header: [UInt8] = []) throws {
        self.path = path
        let lower = path.lowercased()
        compressor = lower.hasSuffix(".zst") || lower.hasSuffix(".zstd") ? try CodecID.zstd(1).makeCompressor() : nil
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            catch { throw IOError.cannotCreate(path: dir, reason: error.localizedDescription) }
        }
        let fresh = State(kind: kind, from: from, to: to, next: from, lastHash: nil, bytes: 0)
        var resumeFrom: State? = nil
        let cpPath = path + ".checkpoint.json", partial = path + ".partial"
        if let data = FileManager.default.contents(atPath: cpPath) {
            guard let s = try? JSONDecoder().decode(State.self, from: data), s.schema == fresh.schema else {
                throw FetchError.checkpoint(path: cpPath, problem: "not a dacost fetch checkpoint; remove it and \(partial) to start over")
            }
            guard s.kind == kind, s.from == from, s.to == to else {
                throw FetchError.checkpoint(path: cpPath, problem: "belongs to 'fetch \(s.kind) --from \(s.from) --to \(s.to)', not to this command; finish that fetch, or remove the checkpoint and \(partial) to start over")
            }
            var st = stat()
            guard stat(partial, &st) == 0, Int(st.st_size) >= s.bytes, s.next >= from, s.next <= to &+ 1 else {
                throw FetchError.checkpoint(path: cpPath, problem: "\(partial) is missing or shorter than the checkpoint records; remove the checkpoint to start over")
            }
            resumeFrom = s
        }
        let flags = O_WRONLY | O_CREAT | (resumeFrom == nil ? O_TRUNC : 0)
        fd = open(partial, flags, 0o644)
        guard fd >= 0 else { throw IOError.cannotCreate(path: partial, reason: String(cString: strerror(errno))) }
        state = resumeFrom ?? fresh
        resumed = resumeFrom != nil
        length = state.bytes
        unadvised = length
        // Bytes past the checkpoint were written after it and will be fetched again.
        guard ftruncate(fd, off_t(length)) == 0, lseek(fd, off_t(length), SEEK_SET) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw IOError.writeFailed(path: partial, reason: reason)
        }
        if !resumed {
            // A checkpoint from the start: whatever stops the first run, a re-run resumes rather
            // than wondering whether a stray partial file is its own.
            if !header.isEmpty { try append(header) }
            try checkpoint(state)
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Adds bytes after everything written so far.
    public func append(_ bytes: [UInt8]) throws {
        if let c = compressor {
            if !frameOpen { try c.begin(pledgedSize: nil); frameOpen = true }
            try bytes.withUnsafeBytes { try c.write($0, into: pending) }
        } else if bytes.count >= 1 << 16 {
            // A block's lines go straight to the file: copying them into `pending` first was one
            // more pass over every byte of a fetch.
            try drain()
            try bytes.withUnsafeBytes { try writeToFile($0) }
            return
        } else {
            pending.append(bytes)
        }
        if pending.count >= 1 << 20 { try drain() }
    }

    /// Makes everything appended durable and records `state` as the point to resume from.
    public func checkpoint(_ newState: State) throws {
        try mark(newState)
        try commit()
    }

    /// Ends the output at a point a re-run may resume from (the frame ends, the bytes go to the
    /// file) and remembers `newState` there, without writing the checkpoint file: `commit` does.
    /// The two are apart because the checkpoint file is written atomically and synced, which costs
    /// a journal commit (~50 ms here); at every resume point of a fast fetch that stalled the writer.
    public func mark(_ newState: State) throws {
        try endFrame()
        try drain()
        var s = newState
        s.bytes = length
        marked = s
    }

    /// Writes the last marked state as the checkpoint, if it is not written yet.
    public func commit() throws {
        guard let s = marked else { return }
        try AtomicFile.write(try JSONEncoder().encode(s).map { $0 }, to: checkpointPath)
        state = s
        marked = nil
    }

    /// Ends the file: the partial file becomes `path`, the checkpoint goes.
    public func finish() throws {
        try endFrame()
        try drain()
        guard fsync(fd) == 0 else { throw IOError.writeFailed(path: partialPath, reason: String(cString: strerror(errno))) }
        close(fd); fd = -1
        guard rename(partialPath, path) == 0 else { throw IOError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
        unlink(checkpointPath)
    }

    private func endFrame() throws {
        guard let c = compressor, frameOpen else { return }
        try c.end(into: pending)
        frameOpen = false
    }

    private func drain() throws {
        guard pending.count > 0 else { return }
        try writeToFile(pending.bytes)
        pending.removeAll()
    }

    private func writeToFile(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError.writeFailed(path: partialPath, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        // Start the disk writing these bytes now, alongside the fetch: left to the kernel's dirty
        // limits, hundreds of MB would wait for the final fsync (1.5 s of a 700 MB fetch here).
        // DONTNEED submits the dirty range for writeback without waiting for it; a megabyte at a
        // time, now that a block's lines (~160 kB) are written one by one.
        length += bytes.count
        if length - unadvised >= 1 << 20 {
            _ = posix_fadvise(fd, off_t(unadvised), off_t(length - unadvised), POSIX_FADV_DONTNEED)
            unadvised = length
        }
    }
}
