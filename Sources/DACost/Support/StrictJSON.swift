import Foundation

/// A JSON document a person wrote or kept (a scenario, a baseline), read strictly: RFC 8259 exactly (no
/// trailing comma, no comment), nesting bounded (`JSONTapeParser.maxDepth`), no member name twice in
/// one object (parsers disagree on which one wins, so the file does not say what it means), and errors
/// with the line and column where the text stops making sense.
public enum StrictJSON {
    /// Why a document is refused: a line and column (1-based) and the problem.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let line: Int, column: Int
        public let problem: String
        public var description: String { "line \(line), column \(column): \(problem)" }
    }

    /// The document as Foundation values (dictionaries, arrays, NSNumber-compatible numbers, strings,
    /// NSNull), for readers written against `JSONSerialization`'s output.
    public static func parse(_ bytes: [UInt8]) throws -> Any {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch let e as JSONParseError {
            throw position(bytes, e.offset, e.problem)
        }
        try checkDuplicates(value, bytes: bytes, path: "")
        return foundation(value)
    }

    /// Line and column of byte `offset` (columns count characters, not bytes).
    static func position(_ bytes: [UInt8], _ offset: Int, _ problem: String) -> Problem {
        var line = 1, column = 1
        for b in bytes.prefix(max(0, min(offset, bytes.count))) {
            if b == 0x0a { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return Problem(line: line, column: column, problem: problem)
    }

    private static func checkDuplicates(_ v: JSONValue, bytes: [UInt8], path: String) throws {
        switch v {
        case .object(let o):
            var seen = Set<String>()
            for (key, value) in o.members {
                let k = key.string
                let p = path.isEmpty ? k : "\(path).\(k)"
                guard seen.insert(k).inserted else {
                    throw position(bytes, key.documentOffset - 1, "the member \"\(p)\" appears twice in one object (which one counts is not defined)")
                }
                try checkDuplicates(value, bytes: bytes, path: p)
            }
        case .array(let a):
            for (i, e) in a.enumerated() { try checkDuplicates(e, bytes: bytes, path: "\(path)[\(i)]") }
        default: return
        }
    }

    private static func foundation(_ v: JSONValue) -> Any {
        switch v {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let text):
            // Whole numbers that fit stay integers (as JSONSerialization gives them); the rest are Doubles.
            if let i = Int(text) { return i }
            return Double(text) ?? Double.nan // the tape has checked the grammar: Double parses every JSON number
        case .string(let s): return s.string
        case .array(let a): return a.map(foundation)
        case .object(let o):
            var d = [String: Any](minimumCapacity: o.members.count)
            for (k, value) in o.members { d[k.string] = foundation(value) }
            return d
        }
    }
}
