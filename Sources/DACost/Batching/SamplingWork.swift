import Foundation

/// The run's work in estimated core-seconds, for a progress line whose ETA people can plan around: the
/// passes are gated by compressing the drawn batches, and a brotli-11 byte costs hundreds of zstd-1 bytes.
/// Only the weights' ratios matter (the meter measures the rate).
final class SamplingWork: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0.0, planned = 0.0, readDone = 0.0
    func plan(_ w: Double) { lock.lock(); planned += w; lock.unlock() }
    func add(_ w: Double) { lock.lock(); done += w; lock.unlock() }
    /// Reading: `w` so far in the current pass (replaces the pass's last figure).
    func read(_ w: Double) { lock.lock(); readDone = w; lock.unlock() }
    func endPass() { lock.lock(); done += readDone; readDone = 0; lock.unlock() }
    /// What the census plans for the first sampling pass: its reading, and an estimate of its compression.
    func planFirstPass(read: Double, compression: Double) {
        lock.lock(); defer { lock.unlock() }
        passRead = read; firstPassEstimate = compression; planned += read + compression
    }
    /// A sampling pass's compression work: the first replaces the estimate the census planned for it.
    func replan(pass w: Double) {
        lock.lock(); defer { lock.unlock() }
        if let e = firstPassEstimate { planned += w - e; firstPassEstimate = nil } else { planned += w + passRead }
    }
    private var firstPassEstimate: Double?, passRead = 0.0
    /// The trace file's size (nil for a pipe), for the progress line.
    var fileBytes: Int?
    var fraction: Double { lock.lock(); defer { lock.unlock() }; return planned > 0 ? (done + readDone) / planned : 0 }

    /// Seconds per MB of input on one core, measured roughly on this 2-core machine (brotli -q 11 -w 22:
    /// 0.46 MB/s; -q 10: 1.07 MB/s; reading a hex trace: ~50 MB/s of file).
    static func secondsPerByte(_ codec: CodecID) -> Double {
        let perMB: Double
        switch codec.family {
        case .brotli: perMB = codec.level >= 11 ? 2.2 : codec.level >= 10 ? 0.95 : codec.level >= 5 ? 0.1 : 0.02
        case .zstd: perMB = codec.level >= 19 ? 1.5 : codec.level >= 10 ? 0.2 : 0.005
        case .zlib: perMB = codec.level >= 7 ? 0.06 : 0.02
        case .fastlz: perMB = 0.003
        case .none: perMB = 0
        }
        return perMB / 1e6
    }
    static let readSecondsPerByte = 0.02 / 1e6

    /// The same for one byte through each of `codecs`.
    static func secondsPerByte(_ codecs: [CodecID]) -> Double { codecs.reduce(0) { $0 + secondsPerByte($1) } }
}
