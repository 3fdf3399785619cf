#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A growable byte buffer that codecs write into directly, so that compressing a batch costs no
/// intermediate copies. Reused across batches by one worker; not shared between threads.
public final class ByteBuffer {
    // Unchecked exclusivity: every write goes through these, and the dynamic check the compiler
    // adds to a class's stored property (`swift_beginAccess`) cost more than a small write itself.
    // One thread owns a buffer, and no method passes a property inout, so no access can overlap.
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) public private(set) var capacity: Int
    @exclusivity(unchecked) private var storage: UnsafeMutableRawPointer

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        guard let p = malloc(self.capacity) else { fatalError("out of memory") } // allowed: allocation failure is not input
        storage = p
    }

    deinit { free(storage) }

    /// Makes room for `n` more bytes and returns where they go; call `advance(by:)` with what was written.
    @inline(__always)
    public func reserveFree(_ n: Int) -> UnsafeMutableRawPointer {
        if capacity - count < n { grow(n) }
        return storage + count
    }

    private func grow(_ n: Int) {
        var newCapacity = capacity
        while newCapacity - count < n { newCapacity *= 2 }
        guard let p = realloc(storage, newCapacity) else { fatalError("out of memory") } // allowed: allocation failure is not input
        storage = p
        capacity = newCapacity
    }

    public var freeCapacity: Int { capacity - count }
    public var end: UnsafeMutableRawPointer { storage + count }

    @inline(__always) public func advance(by n: Int) { count += n }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let src = bytes.baseAddress, bytes.count > 0 else { return }
        reserveFree(bytes.count).copyMemory(from: src, byteCount: bytes.count)
        count += bytes.count
    }

    public func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    public func append(byte: UInt8) { reserveFree(1).storeBytes(of: byte, as: UInt8.self); count += 1 }

    public func removeAll() { count = 0 }

    /// Empties the buffer and gives memory above `limit` bytes back: a worker that compressed one large
    /// batch should not hold its output's room for the rest of the run.
    public func removeAll(keepingAtMost limit: Int) {
        count = 0
        let target = max(limit, 64)
        guard capacity > target, let p = realloc(storage, target) else { return }
        storage = p
        capacity = target
    }

    /// Drops the bytes from `offset` on.
    public func truncate(to offset: Int) { count = max(0, min(offset, count)) }

    /// Where byte `offset` is, for writing inside what was written (`offset` ≤ `count`).
    func pointer(at offset: Int) -> UnsafeMutableRawPointer { storage + offset }

    /// Drops the first `n` bytes, keeping the rest.
    public func removeFirst(_ n: Int) {
        let k = min(n, count)
        if k < count { memmove(storage, storage + k, count - k) }
        count -= k
    }

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    public var array: [UInt8] { Array(bytes) }
}
