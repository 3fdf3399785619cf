import Foundation
import Yams

/// A composed YAML node into the plain values the scenario reader validates: mappings with text keys,
/// lists, and scalars typed by YAML 1.1's implicit rules as Yams types them (without the timestamp
/// rule). Yams's own constructor runs every plain scalar, keys included, through seven regular
/// expressions and flattens merge keys on the way; that was over half the time of loading a
/// scenario. Here only a plain scalar that starts like a number meets a regular expression, and the
/// typing of numbers stays Yams's own, so the values are the same.
enum YAMLNodeValues {
    /// The value of `node`. Mapping keys are their text (the reader has already refused keys that are
    /// not plain text, given twice, or `<<`).
    static func value(of node: Node, resolver: Resolver) -> Any {
        switch node {
        case .mapping(let mapping):
            var out = [String: Any](minimumCapacity: mapping.count)
            for (key, value) in mapping { out[key.scalar?.string ?? ""] = Self.value(of: value, resolver: resolver) }
            return out
        case .sequence(let items):
            return items.map { value(of: $0, resolver: resolver) }
        case .scalar(let scalar):
            return value(of: scalar, resolver: resolver)
        }
    }

    /// Yams's description of a tag not yet resolved: empty for a plain scalar without a tag.
    private static let implicitTag = ""

    /// A YAML 1.1 base-60 integer (`[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`, already matched by the int rule);
    /// nil when it does not fit an Int.
    static func sexagesimal(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        var value = 0
        for part in digits.replacingOccurrences(of: "_", with: "").split(separator: ":", omittingEmptySubsequences: false) {
            guard let p = Int(part) else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 60)
            let (sum, o2) = shifted.addingReportingOverflow(p)
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    private static func value(of scalar: Node.Scalar, resolver: Resolver) -> Any {
        // A quoted scalar or one with an explicit tag: Yams's constructor, which meets no regular
        // expression for them.
        guard scalar.tag.description == implicitTag else { return Constructor.default.any(from: .scalar(scalar)) }
        let text = scalar.string
        switch text {
        // YAML 1.1's null and bool rules (Yams Resolver.null, Resolver.bool).
        case "", "~", "null", "Null", "NULL": return NSNull()
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: break
        }
        // The int and float rules all start with a digit, a sign or a dot.
        guard let first = text.utf8.first,
              first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return text }
        switch resolver.resolveTag(of: .scalar(scalar)) {
        // An integer too wide for Int stays text, as in Yams (its int constructor gives nil). Yams reads
        // YAML 1.1's base-60 integers (`190:20:30`) with trapping arithmetic, so a long one crashed it
        // (found by fuzzing): those are read here, with overflow checked.
        case .int: return (text.contains(":") ? sexagesimal(text) : Int.construct(from: scalar)) ?? text
        case .float: return Double.construct(from: scalar) ?? text
        default: return text
        }
    }
}
