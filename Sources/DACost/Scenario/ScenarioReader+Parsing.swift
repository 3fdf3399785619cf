import Yams

/// A scenario's text into values: JSON read strictly, YAML checked for limits before the YAML parser
/// runs and for its keys before any value is built.
extension ScenarioReader {
    static func parse(_ text: String, file: String) throws -> Any {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        if trimmed.first == "{" {
            do { return try StrictJSON.parse(Array(text.utf8)) }
            catch { throw ScenarioError.unreadable(file: file, reason: "not valid JSON: \(error)") }
        }
        do { try YAMLGuard.check(text) }
        catch { throw ScenarioError.unreadable(file: file, reason: "refused before parsing: \(error)") }
        let node: Node?
        // Without YAML 1.1's timestamp rule: it builds a date from impossible fields (2026-13-45 would
        // become 2027-02-14); days stay text and are checked as calendar days.
        let resolver = Resolver.default.removing(.timestamp)
        do { node = try Yams.compose(yaml: text, resolver) }
        catch { throw ScenarioError.unreadable(file: file, reason: "not valid YAML: \(error)") }
        // Yams builds values only from mappings with text keys (a list as a key crashes it) and keeps
        // the last of a key given twice: both are refused here, before any value is built.
        if let node { try checkKeys(node, file: file, depth: 0) }
        let loaded = node.map { YAMLNodeValues.value(of: $0, resolver: resolver) }
        // An empty file (or only comments) is a mistake, not "the default scenario": say so.
        guard let loaded else {
            throw ScenarioError.unreadable(file: file, reason: "the scenario is empty: expected a mapping of scenario keys (state what differs from the default, e.g. `traffic: {tps: 100}`; omit --scenario for the default)")
        }
        return loaded
    }

    /// Every mapping key a plain text, each once per mapping, and no `<<` merge key.
    static func checkKeys(_ node: Node, file: String, depth: Int) throws {
        func fail(_ n: Node, _ problem: String) -> ScenarioError {
            .unreadable(file: file, reason: "line \(n.mark?.line ?? 1): \(problem)")
        }
        guard depth <= YAMLGuard.maxDepth else { throw fail(node, "nesting deeper than \(YAMLGuard.maxDepth) levels") }
        switch node {
        case .mapping(let m):
            var seen = Set<String>()
            for (key, value) in m {
                guard case .scalar(let k) = key else { throw fail(key, "a mapping key must be plain text, not a list or a mapping") }
                guard k.string != "<<" else { throw fail(key, "merge keys (<<) are not supported in a scenario: write the values out") }
                guard seen.insert(k.string).inserted else {
                    throw fail(key, "the key \"\(k.string.prefix(60))\" appears twice in one mapping (which one counts is not defined)")
                }
                try checkKeys(value, file: file, depth: depth + 1)
            }
        case .sequence(let items):
            for item in items { try checkKeys(item, file: file, depth: depth + 1) }
        default: return
        }
    }
}
