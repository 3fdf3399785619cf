import DACost
import Foundation

/// What the node does to one HTTP request instead of answering it properly.
public enum Fault: Sendable, Equatable {
    /// An HTTP error status, with an optional `Retry-After` value.
    case status(Int, retryAfter: String?)
    /// Reads the request, then says nothing for `seconds` and closes.
    case stall(seconds: Double)
    /// Sends the headers and half the body, then closes the connection.
    case closeMidBody
    /// A complete HTTP response whose JSON body is cut in half.
    case truncatedJSON
    /// A 200 response that is not JSON at all.
    case invalidJSON
    /// Every call of the batch answered with this JSON-RPC error.
    case rpcError(code: Int, message: String)
    /// Responses carrying ids the request did not use.
    case wrongID
}

/// A JSON-RPC node on 127.0.0.1 for tests and benchmarks: serves a `RecordedChain` over HTTP/1.1
/// with keep-alive (`eth_getBlockByNumber`, `eth_blockNumber`, `eth_chainId`) and injects faults
/// on demand. It binds an ephemeral port and never touches the network beyond loopback.
public final class LoopbackNode: @unchecked Sendable {
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)/" }
    private let chain: RecordedChain
    private let listener: Int32
    private let lock = NSLock()
    private var faultPlan: (Int) -> Fault? = { _ in nil }
    private var parents: [UInt64: [UInt8]] = [:]
    private var requests = 0
    private var connections: Set<Int32> = []
    private var stopped = false
    private var delay = 0.0

    /// Binds and starts serving.
    public init(chain: RecordedChain) throws {
        self.chain = chain
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw IOError.cannotCreate(path: "socket", reason: String(cString: strerror(errno))) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard ok else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw IOError.cannotCreate(path: "127.0.0.1 listener", reason: reason)
        }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        let t = Thread { self.acceptLoop() } // strong: the node lives until stop() ends its threads
        t.start()
    }

    deinit { stop() }

    /// Decides a fault per HTTP request, by its 0-based index in arrival order.
    public func setFaults(_ plan: @escaping (Int) -> Fault?) {
        lock.lock(); faultPlan = plan; lock.unlock()
    }

    /// Fails a share `rate` of requests at random (seeded), cycling through every kind of fault.
    public func setRandomFaults(rate: Double, seed: UInt64, stallSeconds: Double = 1) {
        let kinds: [Fault] = [.status(429, retryAfter: "0"), .status(500, retryAfter: nil), .status(502, retryAfter: nil),
                              .status(503, retryAfter: nil), .closeMidBody, .truncatedJSON, .invalidJSON,
                              .rpcError(code: -32005, message: "limit exceeded"), .wrongID, .stall(seconds: stallSeconds)]
        var rng = SeededRandom(seed: seed)
        var draws: [Int: Fault?] = [:]
        let draw = NSLock()
        setFaults { index in
            draw.lock(); defer { draw.unlock() }
            // Draws are made in request order so that a plan is the same whatever the timing.
            while draws.count <= index {
                let fail = rng.nextUnit() < rate
                let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
                draws[draws.count] = fail ? kind : nil
            }
            return draws[index] ?? nil
        }
    }

    /// Waits this long before each answer (a slow provider, for interruption tests).
    public func setLatency(_ seconds: Double) {
        lock.lock(); delay = seconds; lock.unlock()
    }

    /// Serves `block` with another parent hash until cleared with nil.
    public func setParent(of block: UInt64, to hash: [UInt8]?) {
        lock.lock(); parents[block] = hash; lock.unlock()
    }

    /// HTTP requests received so far.
    public var requestCount: Int { lock.lock(); defer { lock.unlock() }; return requests }

    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        let open = connections
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR)); close(listener)
        for c in open { shutdown(c, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let c = accept(listener, nil, nil)
            if c < 0 {
                lock.lock(); let done = stopped; lock.unlock()
                if done || (errno != EINTR && errno != ECONNABORTED) { return }
                continue
            }
            var one: Int32 = 1
            setsockopt(c, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            lock.lock(); connections.insert(c); lock.unlock()
            let t = Thread {
                self.serve(c)
                self.lock.lock(); self.connections.remove(c); self.lock.unlock()
                close(c)
            }
            t.start()
        }
    }

    private func serve(_ c: Int32) {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // Headers.
            var headerEnd: Int? = nil
            while headerEnd == nil {
                if let r = find(buffer, [13, 10, 13, 10]) { headerEnd = r; break }
                let n = recv(c, &chunk, chunk.count, 0)
                if n <= 0 { return }
                buffer += chunk[0..<n]
            }
            guard let end = headerEnd else { return }
            let head = String(decoding: buffer[0..<end], as: UTF8.self).lowercased()
            var length = 0
            for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                length = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
            }
            while buffer.count < end + 4 + length {
                let n = recv(c, &chunk, chunk.count, 0)
                if n <= 0 { return }
                buffer += chunk[0..<n]
            }
            let body = Array(buffer[(end + 4)..<(end + 4 + length)])
            buffer.removeFirst(end + 4 + length)
            lock.lock()
            let index = requests
            requests += 1
            let fault = faultPlan(index)
            let wait = delay
            lock.unlock()
            if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
            if !respond(c, body, fault) { return }
        }
    }

    /// Sends the answer; false when the connection is to be closed.
    private func respond(_ c: Int32, _ request: [UInt8], _ fault: Fault?) -> Bool {
        switch fault {
        case .status(let code, let retryAfter)?:
            let extra = retryAfter.map { "Retry-After: \($0)\r\n" } ?? ""
            return send(c, status: code, extraHeaders: extra, body: Array("{\"error\":\"injected \(code)\"}".utf8))
        case .stall(let seconds)?:
            usleep(UInt32(seconds * 1_000_000))
            return false
        case .invalidJSON?:
            return send(c, status: 200, body: Array("<html><body>502 Bad Gateway</body></html>".utf8))
        default: break
        }
        let chunks = answer(request, fault: fault)
        switch fault {
        case .closeMidBody?, .truncatedJSON?: break
        default:
            // The common path sends the pre-rendered blocks as they are, without joining them.
            let total = chunks.reduce(0) { $0 + $1.count }
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(total)\r\n\r\n"
            guard write(c, Array(head.utf8)) else { return false }
            for chunk in chunks { guard write(c, chunk) else { return false } }
            return true
        }
        var body = Array(chunks.joined())
        switch fault {
        case .closeMidBody?:
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            _ = write(c, Array(head.utf8) + body.prefix(body.count / 2))
            return false
        case .truncatedJSON?:
            body = Array(body.prefix(body.count / 2))
        default: break
        }
        return send(c, status: 200, body: body)
    }

    /// The response body in pieces (the pre-rendered block texts are shared, not copied).
    private func answer(_ request: [UInt8], fault: Fault?) -> [[UInt8]] {
        guard let calls = (try? JSONValue.parse(request))?.array else {
            return [Array("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}".utf8)]
        }
        var out: [[UInt8]] = []
        var piece: [UInt8] = [UInt8(ascii: "[")]
        for (i, call) in calls.enumerated() {
            if i > 0 { piece.append(UInt8(ascii: ",")) }
            let o = call.object
            var id = "null"
            switch o?["id"] {
            case .number(let t)?: id = t
            case .string(let s)?: id = "\"\(s)\""
            default: break
            }
            if fault == .wrongID, let n = Int(id) { id = String(n + 1_000_000) }
            piece += Array("{\"jsonrpc\":\"2.0\",\"id\":\(id),".utf8)
            if case .rpcError(let code, let message)? = fault {
                piece += Array("\"error\":{\"code\":\(code),\"message\":\"\(message)\"}}".utf8)
                continue
            }
            let (head, shared) = result(o?["method"]?.string ?? "", o?["params"]?.array ?? [])
            piece += head
            if let shared { out.append(piece); out.append(shared); piece = [] }
            piece.append(UInt8(ascii: "}"))
        }
        piece.append(UInt8(ascii: "]"))
        out.append(piece)
        return out
    }

    /// The text after the id, and a shared block text that follows it, if any.
    private func result(_ method: String, _ params: [JSONValue]) -> ([UInt8], [UInt8]?) {
        func ok(_ text: [UInt8]) -> ([UInt8], [UInt8]?) { (Array("\"result\":".utf8), text) }
        switch method {
        case "eth_chainId": return ok(Array("\"0x1\"".utf8))
        case "eth_blockNumber":
            return ok(Array("\"0x\(String(chain.blocks.keys.max() ?? 0, radix: 16))\"".utf8))
        case "eth_getBlockByNumber":
            guard params.count == 2, let n = params[0].uint64, case .bool(let full) = params[1] else {
                return (Array("\"error\":{\"code\":-32602,\"message\":\"invalid params: expected [blockNumber, fullTransactions]\"}".utf8), nil)
            }
            lock.lock(); let parent = parents[n]; lock.unlock()
            if let parent, let text = try? chain.block(n, withParent: parent) { return ok(text) }
            guard let text = full ? chain.hydrated[n] : chain.headers[n] else { return ok(Array("null".utf8)) }
            return ok(text)
        case "debug_traceBlockByNumber":
            guard let n = params.first?.uint64, let text = chain.stateDiffs[n] else {
                return (Array("\"error\":{\"code\":-32000,\"message\":\"block not found or no trace recorded\"}".utf8), nil)
            }
            return ok(text)
        default:
            return (Array("\"error\":{\"code\":-32601,\"message\":\"the method \(method) does not exist/is not available\"}".utf8), nil)
        }
    }

    private func send(_ c: Int32, status: Int, extraHeaders: String = "", body: [UInt8]) -> Bool {
        let reason = [200: "OK", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
                      503: "Service Unavailable", 401: "Unauthorized", 404: "Not Found"][status] ?? "Status"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\(extraHeaders)\r\n"
        return write(c, Array(head.utf8) + body)
    }

    private func write(_ c: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        return bytes.withUnsafeBytes { raw -> Bool in
            while offset < raw.count {
                let n = Glibc.send(c, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) // allowed: count > 0
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    private func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}
