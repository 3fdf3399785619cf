/// Limits a YAML text must keep before the YAML parser sees it. The parser (libyaml through Yams)
/// recurses once per nesting level and copies a node for every alias it meets, so a 10 KB file of
/// nested brackets overflows the stack and a few hundred bytes of aliases of aliases ("billion laughs")
/// expand without bound. A scenario needs neither: this scan, one pass over the text, refuses deep
/// nesting, many aliases, and tags outside YAML's core schema (`!!python/object` and the like mean
/// nothing to dacost and must not pass as a plain value).
public enum YAMLGuard {
    /// Nesting levels (block indentation, sequence dashes and flow brackets together); a scenario uses ~6.
    public static let maxDepth = 64
    /// Alias references (`*name`): with at most this many, expansion is bounded by a small multiple of the text.
    public static let maxAliases = 32
    /// Bytes of a scenario file: the bundled ones are ~3 KB.
    public static let maxBytes = 1 << 20
    /// Tags of YAML 1.2's core schema (and 1.1's timestamp): nothing that names a language type.
    static let allowedTags: Set<String> = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!seq", "!!map", "!!timestamp", "!"]

    /// A limit the text breaks: the line (1-based) and what.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let problem: String
        public var description: String { "line \(line): \(problem)" }
    }

    public static func check(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw Problem(line: 1, problem: "the file is \(bytes.count) bytes; a scenario is at most \(maxBytes) bytes")
        }
        var scanner = Scanner()
        var line = 1, start = 0
        for (i, b) in bytes.enumerated() where b == 0x0a {
            try scanner.line(bytes[start..<i], number: line)
            line += 1; start = i + 1
        }
        if start < bytes.count { try scanner.line(bytes[start...], number: line) }
    }

    /// State carried from line to line: block indents open, flow brackets open, a quoted scalar or a
    /// block scalar still running, aliases seen.
    private struct Scanner {
        var indents = [Int]()
        var flow = 0
        var quote: UInt8 = 0
        /// A literal or folded block scalar (`|`, `>`): lines indented deeper than this are its text.
        var blockScalarIndent: Int?
        var aliases = 0

        mutating func line(_ text: ArraySlice<UInt8>, number: Int) throws {
            func fail(_ p: String) -> Problem { Problem(line: number, problem: p) }
            let chars = Array(text)
            let indent = chars.prefix { $0 == 0x20 }.count
            let content = chars.dropFirst(indent)
            if let b = blockScalarIndent {
                if content.isEmpty || content.allSatisfy({ $0 == 0x20 || $0 == 0x0d }) || indent > b { return }
                blockScalarIndent = nil
            }
            var i = indent
            if quote == 0 && flow == 0 {
                if content.isEmpty || content.first == UInt8(ascii: "#") || content.allSatisfy({ $0 == 0x20 || $0 == 0x0d || $0 == 0x09 }) { return }
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
                // Nested sequences on one line: `- - - x`.
                while i + 1 < chars.count, chars[i] == UInt8(ascii: "-"), chars[i + 1] == 0x20 {
                    indents.append(i + 2)
                    i += 2
                    while i < chars.count, chars[i] == 0x20 { i += 1 }
                }
                if indents.count > YAMLGuard.maxDepth { throw fail("nesting deeper than \(YAMLGuard.maxDepth) levels") }
            }
            while i < chars.count {
                let c = chars[i]
                let before = i == 0 ? 0x20 : chars[i - 1]
                let tokenStart = before == 0x20 || before == 0x09 || before == UInt8(ascii: "[") || before == UInt8(ascii: "{") || before == UInt8(ascii: ",")
                defer { i += 1 }
                if quote == UInt8(ascii: "\"") {
                    if c == UInt8(ascii: "\\") { i += 1 } else if c == quote { quote = 0 }
                    continue
                }
                if quote == UInt8(ascii: "'") {
                    if c == quote { if i + 1 < chars.count && chars[i + 1] == quote { i += 1 } else { quote = 0 } }
                    continue
                }
                switch c {
                case UInt8(ascii: "#") where tokenStart: return // a comment to the line's end
                // (A `where` clause guards only the last pattern of a case: both quotes are listed apart.)
                case UInt8(ascii: "\"") where tokenStart: quote = c
                case UInt8(ascii: "'") where tokenStart: quote = c
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    if flow + indents.count > YAMLGuard.maxDepth { throw fail("nesting deeper than \(YAMLGuard.maxDepth) levels") }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
                case UInt8(ascii: "*") where tokenStart && i + 1 < chars.count && chars[i + 1] != 0x20:
                    aliases += 1
                    if aliases > YAMLGuard.maxAliases {
                        throw fail("more than \(YAMLGuard.maxAliases) aliases (*name): a scenario does not need them, and aliases of aliases expand without bound")
                    }
                case UInt8(ascii: "!") where tokenStart:
                    var j = i
                    while j < chars.count, !Self.endsTag(chars[j]) { j += 1 }
                    let tag = String(decoding: chars[i..<j].prefix(60), as: UTF8.self)
                    guard YAMLGuard.allowedTags.contains(tag) else {
                        throw fail("the tag \(tag) is not allowed: a scenario holds plain numbers, text, lists and mappings (tags of YAML's core schema only)")
                    }
                    i = j - 1
                default: break
                }
            }
            // A block scalar starts after `key: |` or `- >-`: its lines are text, not structure.
            if quote == 0 && flow == 0, let indicator = chars.lastIndex(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ">") }),
               chars[(indicator + 1)...].allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || (0x30...0x39).contains($0) || $0 == 0x20 || $0 == 0x0d }),
               indicator > 0, chars[indicator - 1] == 0x20 {
                blockScalarIndent = indent
            }
        }

        static func endsTag(_ c: UInt8) -> Bool {
            c == 0x20 || c == 0x09 || c == 0x0d || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
        }
    }
}
