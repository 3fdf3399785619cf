import DACost
import Foundation

/// A `ProgressMeter` on stderr: redrawn in place on a terminal, a line every 10 s when stderr is a file or
/// a pipe (a CI log shows the run is alive and when it will end), nothing with `--quiet`. Callbacks may
/// come from worker threads, hence the lock.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private var meter: ProgressMeter

    init(label: String, unit: String, quiet: Bool) {
        let style: ProgressMeter.Style = quiet ? .silent : Console.stderrIsTerminal ? .terminal : .log
        meter = ProgressMeter(label: label, unit: unit, style: style, now: monotonicSeconds())
    }

    func update(done: Double, total: Double?) {
        lock.lock(); defer { lock.unlock() }
        guard let line = meter.update(done: done, total: total, now: monotonicSeconds()) else { return }
        switch meter.style {
        case .terminal: Console.progress(line)
        case .log: Console.note(line)
        case .silent: break
        }
    }

    /// Clears the line on a terminal (the command's own summary follows).
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if meter.style == .terminal { Console.clearProgress() }
    }

    /// A compression run's progress in bytes of the trace (estimated when a whole-trace pass follows the
    /// batches), or in transactions when the trace is a pipe of unknown size.
    func update(_ p: CompressionProgress) {
        if let fraction = p.fraction, let bytes = p.bytes {
            update(done: fraction * Double(bytes), total: Double(bytes))
        } else {
            update(done: Double(p.transactions), total: nil)
        }
    }
}
