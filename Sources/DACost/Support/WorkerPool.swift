import Foundation

/// A fixed set of threads running submitted jobs, with a bounded queue so that a fast producer (the
/// trace reader) cannot run ahead and fill memory. With one thread, jobs run inline on the caller,
/// so single-job measurements carry no threading overhead.
final class WorkerPool {
    let threads: Int
    private let capacity: Int
    private let condition = NSCondition()
    /// Jobs in order; a taken job's slot is emptied at once, so that what it captured (a batch of tens of MB)
    /// is freed when it finishes rather than when the slots are next compacted.
    private var queue: [(job: (Int) -> Void, cost: Int)?] = []
    /// Bytes the queued and running jobs hold (their `cost`), and the most they may hold at once.
    private var inFlightCost = 0
    private let memoryBudget: Int?
    /// Called about twice a second on a thread that `submit` or `finish` keeps waiting: a progress line
    /// must go on while the reader waits for long jobs (a 16 MiB batch of zstd-19 takes half a minute).
    var whileWaiting: (() -> Void)?
    private var head = 0
    private var running = 0
    private var closed = false
    private var workers: [Thread] = []

    /// `memoryBudget`: `submit` also waits while the jobs in flight hold more than this many bytes of
    /// their declared cost (a job is admitted alone whatever its cost, so that nothing waits forever).
    init(threads: Int, capacity: Int, memoryBudget: Int? = nil) {
        self.threads = max(1, threads)
        self.capacity = max(1, capacity)
        self.memoryBudget = memoryBudget
        guard self.threads > 1 else { return }
        for index in 0..<self.threads {
            // The thread keeps the pool alive until it has seen `closed` and returned.
            let t = Thread { self.work(index) }
            t.stackSize = 1 << 22
            workers.append(t)
            t.start()
        }
    }

    private func work(_ index: Int) {
        while true {
            condition.lock()
            while head == queue.count && !closed { condition.wait() }
            if head == queue.count && closed { condition.unlock(); return }
            let job = queue[head]
            queue[head] = nil
            head += 1
            if head > 1024 { queue.removeFirst(head); head = 0 }
            running += 1
            condition.broadcast()
            condition.unlock()
            job?.job(index)
            condition.lock()
            running -= 1
            inFlightCost -= job?.cost ?? 0
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues `job`, blocking while the queue is full or, with a budget, while the jobs in flight and this
    /// one's `cost` (bytes it will hold: its input and its codec's working memory) would exceed it. The
    /// job receives its worker's index.
    func submit(cost: Int = 0, _ job: @escaping (Int) -> Void) {
        guard threads > 1 else { job(0); return }
        condition.lock()
        while queue.count - head >= capacity || overBudget(adding: cost) { waitTicking() }
        inFlightCost += cost
        queue.append((job, cost))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits on the condition (held), calling `whileWaiting` without it every half second.
    private func waitTicking() {
        guard let tick = whileWaiting else { condition.wait(); return }
        if !condition.wait(until: Date(timeIntervalSinceNow: 0.5)) {
            condition.unlock(); tick(); condition.lock()
        }
    }

    private func overBudget(adding cost: Int) -> Bool {
        guard let budget = memoryBudget, inFlightCost > 0 else { return false }
        return inFlightCost + cost > budget
    }

    /// Waits until every queued job has finished; the threads stay for more.
    func drain() {
        guard threads > 1 else { return }
        condition.lock()
        while head < queue.count || running > 0 { condition.wait() }
        condition.unlock()
    }

    /// Waits until every queued job has finished, then stops the threads.
    func finish() {
        guard threads > 1 else { return }
        condition.lock()
        closed = true
        condition.broadcast()
        while head < queue.count || running > 0 { waitTicking() }
        condition.unlock()
    }
}

/// A mutex around a value, for results that workers hand back.
final class Locked<Value> {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }
}

@inline(__always) public func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
