/// A tree of HTML/SVG elements rendered with escaping: pages and charts are built as values, never
/// by pasting strings, so a label cannot break the document.
public indirect enum Markup: Equatable, Sendable {
    case element(String, [(String, String)], [Markup])
    case text(String)

    public static func == (a: Markup, b: Markup) -> Bool { a.rendered == b.rendered }

    public static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [Markup] = []) -> Markup {
        .element(name, attributes, children)
    }

    public static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> Markup {
        .element(name, attributes, [.text(text)])
    }

    static let void: Set<String> = ["meta", "br", "hr", "img", "link", "input"]

    public func render(into out: inout String) {
        switch self {
        case .text(let s): out += Self.escape(s)
        case .element(let name, let attributes, let children):
            out += "<" + name
            for (k, v) in attributes { out += " \(k)=\"\(Self.escape(v))\"" }
            if children.isEmpty && (Self.void.contains(name) || !["script", "style", "title", "text", "td", "th", "p", "div", "span", "pre", "tspan", "h1", "h2", "h3", "a", "li", "ul", "table", "tr", "thead", "tbody"].contains(name)) {
                out += Self.void.contains(name) ? ">" : "/>"
                return
            }
            out += ">"
            for c in children { c.render(into: &out) }
            out += "</\(name)>"
        }
    }

    public var rendered: String { var s = ""; render(into: &s); return s }

    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Coordinates with one decimal: enough for a screen, and stable text.
func px(_ v: Double) -> String { NumberFormat.fixed(v, 1) }
