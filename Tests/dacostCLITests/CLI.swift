import Foundation

/// Runs the built `dacost` binary as a user would.
enum CLI {
    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var binary: String {
        // The test bundle sits next to the products of the same build.
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dacost").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        for config in ["debug", "release"] {
            let p = packageRoot.appendingPathComponent(".build/\(config)/dacost").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return beside
    }

    static var fixtures: String { packageRoot.appendingPathComponent("fixtures").path }

    @discardableResult
    static func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        // Files, not pipes: with tests running in parallel, a pipe's write end leaks into other
        // children spawned at the same moment and its reader never sees the end.
        let dir = try temporaryDirectory()
        let outPath = dir + "/stdout", errPath = dir + "/stderr"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = out; p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close(); try err.close()
        let o = try Data(contentsOf: URL(fileURLWithPath: outPath)), e = try Data(contentsOf: URL(fileURLWithPath: errPath))
        try? FileManager.default.removeItem(atPath: dir)
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "dacost-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
