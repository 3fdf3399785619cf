import Foundation

/// A whole input file read into memory, refused above a size limit before any of it is read: the files
/// read whole (scenarios, histories, baselines, daily CSVs) are small, and a mistaken or hostile one
/// must not fill memory. Plain stdio: Foundation's file reading leaks a buffer per call under
/// LeakSanitizer, which the fuzz harnesses run with.
public enum FileBytes {
    public enum Failure: Error, Equatable {
        case missing
        case unreadable(String)
        case tooLarge(size: Int, limit: Int)

        /// The failure as a person reads it, for a `file` ("file", "CSV file") holding `what` ("a scenario"):
        /// "no such file", "the file is 2000000 bytes; a scenario is at most 1 MiB", "cannot read the file: …".
        public func reason(file: String = "file", what: String) -> String {
            switch self {
            case .missing: return "no such \(file)"
            case .tooLarge(let size, let limit): return "the \(file) is \(size) bytes; \(what) is at most \(FileBytes.describe(limit))"
            case .unreadable(let why): return "cannot read the \(file): \(why)"
            }
        }
    }

    public static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        guard let f = fopen(path, "rb") else { return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))) }
        defer { fclose(f) }
        var st = stat()
        guard fstat(fileno(f), &st) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(.unreadable("it is a folder")) }
        // A pipe or device (`--scenario <(…)`, /dev/stdin) has no size: read it to its end, up to the limit.
        guard (st.st_mode & S_IFMT) == S_IFREG else { return readStream(f, limit: limit) }
        let size = Int(st.st_size)
        if size > limit { return .failure(.tooLarge(size: size, limit: limit)) }
        var out = [UInt8](repeating: 0, count: size)
        let n = out.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
        // A file that grew while being read is cut at its size then; one that shrank is what was read.
        if n < size { out.removeLast(size - n) }
        return .success(out)
    }

    private static func readStream(_ f: UnsafeMutablePointer<FILE>, limit: Int) -> Result<[UInt8], Failure> {
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { out += chunk[0..<n] }
            if out.count > limit { return .failure(.tooLarge(size: out.count, limit: limit)) }
            if n < chunk.count {
                return ferror(f) != 0 ? .failure(.unreadable(String(cString: strerror(errno)))) : .success(out)
            }
        }
    }

    /// The limit as a person reads it.
    public static func describe(_ bytes: Int) -> String { bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes" }
}
