import Foundation

/// A trace's SHA-256 and transaction bytes, remembered by the file's identity on disk (device, inode,
/// size, and modification and change times to the nanosecond), as make and git do: looking up a cached
/// profile then costs one `stat` instead of reading, hashing and FastLZ-sizing the whole trace (60 ms for
/// the bundled 1.4 MB trace, minutes for a few GB). A file rewritten in any way changes its times, so
/// an entry can only be stale if the clock or the file system lies; `--no-cache`-style safety comes from
/// the profile itself, which still records the hash it was measured on.
struct TraceIdentityCache {
    let directory: String

    /// The file's identity, or nil when it cannot be read.
    static func identity(of path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return "\(st.st_dev)-\(st.st_ino)-\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)-\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
    }

    private func entry(_ path: String) -> String? {
        guard let id = Self.identity(of: path) else { return nil }
        let key = Hex.encode(SHA256.hash(Array((id + "\u{0}" + path).utf8)).prefix(12))
        return "\(directory)/traces/\(key)"
    }

    /// The remembered (SHA-256, transaction bytes, transactions) of `path`, when its identity has not changed.
    func lookup(_ path: String) -> (sha: String, bytes: Int, transactions: Int)? {
        guard let e = entry(path), case .success(let data) = FileBytes.read(e, limit: 4096),
              let text = String(validating: data, as: UTF8.self) else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 3, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit),
              let bytes = Int(parts[1]), bytes >= 0, let count = Int(parts[2]), count >= 0 else { return nil }
        return (String(parts[0]), bytes, count)
    }

    func store(_ path: String, sha: String, bytes: Int, transactions: Int) {
        guard let e = entry(path) else { return }
        // A cache that cannot be written only costs time next run.
        try? AtomicFile.write("\(sha) \(bytes) \(transactions)", to: e)
    }
}
