import CZstd
import Foundation

/// A file compiled into the binary (see `scripts/embed.py`), so that a copied `dacost` executable
/// needs nothing beside it: the bundled trace, its compression profile and the default scenario.
public struct EmbeddedFile: Sendable {
    /// The fixture's file name.
    public let name: String
    /// Its size in bytes once decoded.
    public let size: Int
    let base64: String

    /// The file's bytes (base64, then zstd, decoded). Empty only if the build embedded a damaged
    /// literal, which the embedding test rules out.
    public var bytes: [UInt8] {
        guard let packed = Data(base64Encoded: base64), size > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: size)
        let written = packed.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in ZSTD_decompress(dst.baseAddress, dst.count, src.baseAddress, src.count) }
        }
        return ZSTD_isError(written) == 0 && written == size ? out : []
    }

    /// The file's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A path where the file can be read like any other: written once (atomically) into
    /// `directory/bundled/`, and reused while its bytes are unchanged. Code that streams files by
    /// path (the trace reader, the fingerprint, the compression run) reads the bundled trace there.
    public func materialized(in directory: String?) throws -> String {
        let content = bytes
        guard content.count == size else { throw IOError.cannotCreate(path: name, reason: "the embedded copy is damaged") }
        var candidates = [String]()
        if let directory { candidates.append(directory + "/bundled") }
        candidates.append(NSTemporaryDirectory() + "dacost-\(getuid())/bundled")
        var lastError: Error?
        for dir in candidates {
            let path = dir + "/" + name
            if let existing = FileManager.default.contents(atPath: path), existing.count == size, [UInt8](existing) == content {
                return path
            }
            do {
                try AtomicFile.write(content, to: path)
                return path
            } catch { lastError = error }
        }
        throw lastError ?? IOError.cannotCreate(path: name, reason: "no writable cache or temporary folder")
    }
}
