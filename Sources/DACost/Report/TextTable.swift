import Foundation

/// A table of already-formatted cells, rendered as aligned text, Markdown or CSV. Renderers only
/// lay out; every number is formatted by whoever builds the table, so all outputs agree.
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable { case left, right }
    public enum Style: String, Sendable, CaseIterable { case table, markdown, csv }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]

    public init(headers: [String], alignments: [Alignment]? = nil, rows: [[String]] = []) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
        self.rows = rows
    }

    public func render(_ style: Style) -> String {
        switch style {
        case .table: return plain()
        case .markdown: return markdown()
        case .csv: return csv()
        }
    }

    private func widths() -> [Int] {
        headers.indices.map { i in ([headers[i]] + rows.map { i < $0.count ? $0[i] : "" }).map(\.count).max() ?? 0 }
    }

    private func pad(_ s: String, _ w: Int, _ a: Alignment) -> String {
        let fill = String(repeating: " ", count: max(0, w - s.count))
        return a == .left ? s + fill : fill + s
    }

    private func plain() -> String {
        let w = widths()
        func line(_ cells: [String]) -> String {
            headers.indices.map { pad($0 < cells.count ? cells[$0] : "", w[$0], alignments[$0]) }
                .joined(separator: "  ").replacingTrailingSpaces()
        }
        var out = [line(headers), w.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    private func markdown() -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + headers.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + alignments.map { $0 == .left ? "---|" : "---:|" }.joined() + "\n"
        for r in rows { out += "| " + headers.indices.map { esc($0 < r.count ? r[$0] : "") }.joined(separator: " | ") + " |\n" }
        return out
    }

    private func csv() -> String {
        func field(_ s: String) -> String {
            // Bytes, not Foundation's substring search (which went through NSString, field by field).
            s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The text without spaces at its end (aligned columns pad the last cell).
    func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
