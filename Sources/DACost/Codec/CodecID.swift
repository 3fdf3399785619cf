/// The name of a codec and its settings, as written on the command line and in reports:
/// `none`, `zlib-L` (1…9), `brotli-L` (0…11) with an optional `-wW` window (10…24, default 22),
/// `zstd-L` (1…22) with an optional `-wW` window log (10…27) and `-dict`, and `fastlz`.
/// Aliases as the OP batcher names them: `zlib` = zlib-9, `brotli` = brotli-10, `zstd` = zstd-3.
public struct CodecID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public enum Family: String, Sendable, Codable, CaseIterable { case none, zlib, brotli, zstd, fastlz }

    public let family: Family
    public let level: Int
    /// Brotli LGWIN or zstd windowLog; nil means the codec's default.
    public let window: Int?
    /// zstd with a trained dictionary supplied separately.
    public let usesDictionary: Bool

    /// Brotli's default window: 22 bits (4 MiB), the library default that op-batcher and Nitro keep.
    public static let brotliDefaultWindow = 22 // google/brotli c/include/brotli/encode.h BROTLI_DEFAULT_WINDOW

    public static let none = CodecID(family: .none, level: 0, window: nil, usesDictionary: false)
    public static let fastlz = CodecID(family: .fastlz, level: 1, window: nil, usesDictionary: false)
    public static func zlib(_ level: Int) -> CodecID { CodecID(family: .zlib, level: level, window: nil, usesDictionary: false) }
    public static func brotli(_ level: Int, window: Int? = nil) -> CodecID {
        CodecID(family: .brotli, level: level, window: window == brotliDefaultWindow ? nil : window, usesDictionary: false)
    }
    public static func zstd(_ level: Int, windowLog: Int? = nil, dictionary: Bool = false) -> CodecID {
        CodecID(family: .zstd, level: level, window: windowLog, usesDictionary: dictionary)
    }

    /// The codecs a rollup team compares by default: what OP (zlib-9, brotli-10), Arbitrum (brotli-11),
    /// Scroll (zstd-3) post and what the OP fee formula estimates with (fastlz), plus a strong zstd.
    public static let defaults: [CodecID] = [.none, .fastlz, .zlib(9), .brotli(10), .brotli(11), .zstd(3), .zstd(19)]

    private init(family: Family, level: Int, window: Int?, usesDictionary: Bool) {
        self.family = family; self.level = level; self.window = window; self.usesDictionary = usesDictionary
    }

    /// Parses a codec name; the error says what forms are accepted.
    public init(parsing text: String) throws {
        let name = text.lowercased()
        let parts = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func number(_ s: String, _ range: ClosedRange<Int>, _ what: String) throws -> Int {
            guard let v = Int(s), range.contains(v) else {
                throw CodecError.badName(text, expected: "\(what) in \(range.lowerBound)…\(range.upperBound)")
            }
            return v
        }
        switch parts[0] {
        case "none" where parts.count == 1: self = .none
        case "fastlz" where parts.count == 1: self = .fastlz
        case "zlib":
            if parts.count == 1 { self = .zlib(9); return }
            guard parts.count == 2 else { throw CodecError.badName(text, expected: "zlib-L with L in 1…9") }
            self = .zlib(try number(parts[1], 1...9, "zlib level"))
        case "brotli":
            if parts.count == 1 { self = .brotli(10); return }
            let level = try number(parts[1], 0...11, "brotli level")
            var window: Int? = nil
            if parts.count == 3, parts[2].hasPrefix("w") {
                window = try number(String(parts[2].dropFirst()), 10...24, "brotli window -wW")
            } else if parts.count != 2 {
                throw CodecError.badName(text, expected: "brotli-L or brotli-L-wW (L 0…11, W 10…24)")
            }
            self = .brotli(level, window: window)
        case "zstd":
            if parts.count == 1 { self = .zstd(3); return }
            let level = try number(parts[1], 1...22, "zstd level")
            var window: Int? = nil, dict = false
            for extra in parts.dropFirst(2) {
                if extra == "dict", !dict { dict = true }
                else if extra.hasPrefix("w"), window == nil, !dict {
                    window = try number(String(extra.dropFirst()), 10...27, "zstd window log -wW")
                } else {
                    throw CodecError.badName(text, expected: "zstd-L, zstd-L-wW, zstd-L-dict or zstd-L-wW-dict (L 1…22, W 10…27)")
                }
            }
            self = .zstd(level, windowLog: window, dictionary: dict)
        default:
            throw CodecError.badName(text, expected: "one of none, fastlz, zlib-L, brotli-L[-wW], zstd-L[-wW][-dict]")
        }
    }

    public var description: String {
        switch family {
        case .none: return "none"
        case .fastlz: return "fastlz"
        case .zlib: return "zlib-\(level)"
        case .brotli: return "brotli-\(level)" + (window.map { "-w\($0)" } ?? "")
        case .zstd: return "zstd-\(level)" + (window.map { "-w\($0)" } ?? "") + (usesDictionary ? "-dict" : "")
        }
    }

    /// Parses a comma-separated list such as `zlib-9,brotli-11`.
    public static func parseList(_ text: String) throws -> [CodecID] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
        guard !items.isEmpty else { throw CodecError.badName(text, expected: "a comma-separated list of codecs") }
        var seen = Set<CodecID>(), out = [CodecID]()
        for item in items {
            let id = try CodecID(parsing: item)
            if seen.insert(id).inserted { out.append(id) }
        }
        return out
    }

    public static func < (a: CodecID, b: CodecID) -> Bool { a.description < b.description }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

extension CodecID {
    /// How far back the codec's matches reach, in bytes: past this much of a batch, each further byte
    /// is compressed against the same length of history, so the compressed size grows by a steady amount
    /// per byte (what `SampledCompressionRun` extrapolates the largest batch sizes with).
    public var historyWindowBytes: Int {
        switch family {
        case .none: return 0
        // solady src/utils/LibZip.sol flzCompress: 13-bit match distances (8,191 bytes).
        case .fastlz: return 8_192
        // RFC 1951 §2 (deflate): distances up to 32,768 bytes.
        case .zlib: return 32_768
        // RFC 7932 §9.1: window = 2^WBITS − 16 bytes.
        case .brotli: return 1 << (window ?? Self.brotliDefaultWindow)
        case .zstd: return 1 << (window ?? Self.zstdDefaultWindowLog(level: level))
        }
    }

    /// zstd's windowLog at a level for an input above 256 KiB: facebook/zstd lib/compress/clevels.h,
    /// `ZSTD_defaultCParameters[0]` (the same from 1.4 through 1.5.x).
    static func zstdDefaultWindowLog(level: Int) -> Int {
        let byLevel = [19, 19, 20, 21, 21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 22, 22, 23, 23, 23, 25, 26, 27]
        return byLevel[Swift.max(0, Swift.min(byLevel.count - 1, level))]
    }
}

extension CodecID {
    /// Roughly what one compressor of this codec holds while it compresses a large input, for bounding
    /// how many run at once. zstd from the library's own estimate; brotli from its encoder's layout
    /// (google/brotli c/enc/encode.c, hash_to_binary_tree_inc.h): a ring buffer of 2^(WBITS+1) bytes and,
    /// from quality 10 (the H10 binary-tree hasher), two 4-byte links per window byte.
    public var workingMemoryBytes: Int {
        switch family {
        case .none: return 0
        case .fastlz: return 64 << 10
        // madler/zlib zconf.h: deflate needs (1 << (windowBits+2)) + (1 << (memLevel+9)) bytes (15, 8).
        case .zlib: return 256 << 10
        case .brotli:
            let w = window ?? Self.brotliDefaultWindow
            return (1 << (w + 1)) + (level >= 10 ? 8 << w : level >= 5 ? 16 << 20 : 1 << 20)
        case .zstd: return ZstdCodec.streamMemoryBytes(level: level, windowLog: window)
        }
    }
}
