/// Points on log x and log y axes, each labelled, with a line through the frontier: monthly cost
/// against the stake behind each layer.
public struct ScatterChart {
    public struct Point { public var name: String; public var x: Double; public var y: Double; public var onFrontier: Bool }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var points: [Point]
    public var format: (Double) -> String

    public init(id: String, title: String, xLabel: String, yLabel: String, points: [Point], format: @escaping (Double) -> String) {
        self.id = id; self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.points = points; self.format = format
    }

    public func svg(width: Double = 900, height: Double = 400) -> Markup {
        let left = 80.0, right = 40.0, top = 46.0, bottom = height - 56
        let pts = points.filter { $0.x > 0 && $0.y > 0 && $0.x.isFinite && $0.y.isFinite }
        let xs = pts.map(\.x), ys = pts.map(\.y)
        let xScale = LogScale(covering: xs.min() ?? 1, xs.max() ?? 10, range: (left, width - right))
        let yScale = LogScale(covering: ys.min() ?? 1, ys.max() ?? 10, range: (bottom, top))
        var parts = ChartAxes(title: title, xLabel: xLabel, yLabel: yLabel, left: left, right: right, top: top, bottom: bottom, width: width)
            .markup(x: xScale, y: yScale, formatX: format, formatY: format)
        let frontier = pts.filter(\.onFrontier).sorted { $0.x < $1.x }
        if frontier.count > 1 {
            let d = frontier.enumerated().map { (j, p) in (j == 0 ? "M" : "L") + px(xScale.map(p.x)) + "," + px(yScale.map(p.y)) }.joined(separator: " ")
            parts.append(.el("path", [("d", d), ("fill", "none"), ("stroke", "#555555"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")],
                             [.el("title", [], text: "frontier")]))
        }
        var placed = [(x: Double, y: Double)]()
        for (i, p) in pts.enumerated() {
            let x = xScale.map(p.x), y = yScale.map(p.y)
            // Labels right of the point, or left of it near the right edge; moved down past labels already
            // placed at the same spot (Ethereum's two layers share a stake).
            let leftSide = x > left + (width - left - right) * 0.7
            var ly = y - 7
            while placed.contains(where: { abs($0.x - x) < 40 && abs($0.y - ly) < 14 }) { ly += 15 }
            placed.append((x, ly))
            parts.append(.el("circle", [("cx", px(x)), ("cy", px(y)), ("r", p.onFrontier ? "6" : "4.5"), ("fill", p.onFrontier ? ChartStyle.color(i) : "#ffffff"),
                                        ("stroke", ChartStyle.color(i)), ("stroke-width", "2")],
                             [.el("title", [], text: "\(p.name): \(format(p.y)) per 30 days, \(format(p.x)) staked")]))
            parts.append(.el("text", [("x", px(leftSide ? x - 9 : x + 9)), ("y", px(ly)), ("text-anchor", leftSide ? "end" : "start"), ("class", "tick")],
                             text: p.name + (p.onFrontier ? " (frontier)" : "")))
        }
        return .el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart"), ("role", "img"), ("aria-label", title),
                           ("viewBox", "0 0 \(px(width)) \(px(height))"), ("width", px(width)), ("height", px(height))], parts)
    }
}
