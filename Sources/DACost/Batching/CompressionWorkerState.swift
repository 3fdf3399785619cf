/// One worker thread's state in a `CompressionRun`: a compressor and decompressor per codec, made on first
/// use, and the buffers they write into. Only that worker touches it while jobs run.
final class CompressionWorkerState {
    var compressors: [Compressor?]
    var decompressors: [Decompressor?]
    let out = ByteBuffer(capacity: 1 << 20)
    let back = ByteBuffer(capacity: 1 << 20)
    init(codecs: Int) {
        compressors = Array(repeating: nil, count: codecs)
        decompressors = Array(repeating: nil, count: codecs)
    }

    /// Drops the codec states (called when no job runs).
    func release() {
        compressors = compressors.map { _ in nil }
        decompressors = decompressors.map { _ in nil }
    }

    /// After a group whose largest batch was `bytes`: when the run is not timed, a batch of 1 MiB or
    /// more leaves neither its codec state nor its output room behind (the sampled run's rule,
    /// `CodecWorkers.largeInputBytes`). A timed run keeps them warm, so that the clock measures the
    /// codec rather than the allocator faulting in a fresh workspace.
    func release(codec index: Int, after bytes: Int, timing: Bool) {
        guard !timing, bytes >= CodecWorkers.largeInputBytes else { return }
        compressors[index] = nil
        decompressors[index] = nil
        out.removeAll(keepingAtMost: 1 << 20)
        back.removeAll(keepingAtMost: 1 << 20)
    }
}
