import Foundation

/// Writes a file so that readers see either the old content or the complete new one, never a
/// half-written file: data goes to a temporary sibling, is flushed, then renamed over the target.
public struct AtomicFile {
    public let path: String
    private let tempPath: String
    private var handle: UnsafeMutablePointer<FILE>?

    /// Opens a temporary sibling of `path` for writing.
    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                catch { throw IOError.cannotCreate(path: dir, reason: "\(error.localizedDescription)") }
            }
        }
        Self.removeDeadTemporaries(of: path)
        tempPath = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard let f = fopen(tempPath, "wb") else {
            throw IOError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        handle = f
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let f = handle else { throw IOError.writeFailed(path: path, reason: "file already closed") }
        guard bytes.count > 0 else { return }
        if fwrite(bytes.baseAddress, 1, bytes.count, f) != bytes.count {
            let reason = String(cString: strerror(errno))
            discard()
            throw IOError.writeFailed(path: path, reason: reason)
        }
    }

    public mutating func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
    public mutating func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes and renames the temporary file over `path`.
    public mutating func commit() throws {
        guard let f = handle else { throw IOError.writeFailed(path: path, reason: "file already closed") }
        handle = nil
        if fflush(f) != 0 || fsync(fileno(f)) != 0 {
            let reason = String(cString: strerror(errno))
            fclose(f); unlink(tempPath)
            throw IOError.writeFailed(path: path, reason: reason)
        }
        fclose(f)
        if rename(tempPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw IOError.writeFailed(path: path, reason: reason)
        }
    }

    /// Drops the temporary file; the target is left as it was.
    public mutating func discard() {
        if let f = handle { fclose(f); handle = nil }
        unlink(tempPath)
    }

    /// Whether process `pid` is running (or exists under another user).
    static func isAlive(_ pid: Int32) -> Bool { pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) }

    /// Deletes temporary siblings of `path` (`path.tmp-PID-RAND`) that runs killed mid-write left behind.
    static func removeDeadTemporaries(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent, base = (path as NSString).lastPathComponent + ".tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return }
        for name in entries where name.hasPrefix(base) {
            guard let pid = Int32(name.dropFirst(base.count).prefix { $0 != "-" }), !isAlive(pid) else { continue }
            unlink(dir.isEmpty ? name : "\(dir)/\(name)")
        }
    }

    /// Writes all of `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        var file = try AtomicFile(path: path)
        do { try file.write(bytes); try file.commit() } catch { file.discard(); throw error }
    }

    public static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }
}

/// Failures of the file system, as opposed to bad content.
public enum IOError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let p, let r): return "\(p): cannot create: \(r)"
        case .writeFailed(let p, let r): return "\(p): write failed: \(r)"
        }
    }
}
