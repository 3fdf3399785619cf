import Foundation

/// Writes a report's files into a folder as one unit: `report.md`, `report.csv`, `report.json`,
/// `report.html` (or a projection's or backtest's set) all come from the same run.
///
/// Everything is rendered first; the files are written and flushed into a staging folder inside the
/// target (`.dacost-staging-PID-RAND`), a `COMPLETE` list is written there last (the commit point), and
/// only then are the files renamed into place. A run killed before the commit point leaves the old set
/// untouched; one killed after it (while renaming) leaves a journal that the next dacost run writing to
/// or reading from that folder finishes. Other files in the folder are left alone.
public enum ReportWriter {
    static let stagingPrefix = ".dacost-staging-"
    static let commitMarker = "COMPLETE"

    public static func write(_ report: Report, to directory: String) throws -> [String] {
        let files = try render([
            ("report.md", { Array(ReportRenderer.markdown(report).utf8) }),
            ("report.csv", { Array(ReportRenderer.csv(report).utf8) }),
            ("report.json", { try JSONOutput.encode(report) }),
            ("report.html", { Array(HTMLReport.render(report).utf8) }),
        ])
        return try write(files, to: directory)
    }

    /// Each file's bytes, in the order given: the formats are independent, so they are rendered side by
    /// side (the bytes are the same either way).
    static func render(_ renderers: [(name: String, bytes: () throws -> [UInt8])]) throws -> [(String, [UInt8])] {
        let results = Locked([Result<[UInt8], Error>](repeating: .success([]), count: renderers.count))
        DispatchQueue.concurrentPerform(iterations: renderers.count) { i in
            let r = Result { try renderers[i].bytes() }
            results.withLock { $0[i] = r }
        }
        return try zip(renderers, results.withLock { $0 }).map { ($0.name, try $1.get()) }
    }

    /// Writes named files into `directory` as one unit; returns their paths.
    public static func write(_ files: [(String, [UInt8])], to directory: String) throws -> [String] {
        let dir = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        catch { throw IOError.cannotCreate(path: dir, reason: "\(error.localizedDescription)") }
        recover(in: dir)
        let staging = "\(dir)/\(stagingPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(staging, 0o755) == 0 else { throw IOError.cannotCreate(path: staging, reason: String(cString: strerror(errno))) }
        do {
            for (name, bytes) in files { try AtomicFile.write(bytes, to: "\(staging)/\(name)") }
            try AtomicFile.write(files.map(\.0).joined(separator: "\n"), to: "\(staging)/\(commitMarker)")
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        try rollForward(staging, into: dir)
        return files.map { "\(dir)/\($0.0)" }
    }

    /// Finishes or drops what runs that died left in `directory`: a staging folder with its commit list
    /// is moved into place, one without is deleted. Folders of live runs are left alone.
    public static func recover(in directory: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in entries.sorted() where name.hasPrefix(stagingPrefix) {
            let path = "\(directory)/\(name)"
            guard let pid = Int32(name.dropFirst(stagingPrefix.count).prefix { $0 != "-" }), !AtomicFile.isAlive(pid) else { continue }
            if FileManager.default.fileExists(atPath: "\(path)/\(commitMarker)") { try? rollForward(path, into: directory) }
            else { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// Renames each file of a committed staging folder into `directory` (those already moved are
    /// skipped), then removes the folder.
    private static func rollForward(_ staging: String, into directory: String) throws {
        let list = (try? String(contentsOfFile: "\(staging)/\(commitMarker)", encoding: .utf8)) ?? ""
        for name in list.split(separator: "\n") where !name.isEmpty && !name.contains("/") {
            let from = "\(staging)/\(name)", to = "\(directory)/\(name)"
            guard FileManager.default.fileExists(atPath: from) else { continue }
            if rename(from, to) != 0 { throw IOError.writeFailed(path: to, reason: String(cString: strerror(errno))) }
        }
        try? FileManager.default.removeItem(atPath: staging)
    }
}
