/// Lines over a log x axis: compression ratio against batch size, one line per codec.
public struct LineChart {
    public struct Series { public var name: String; public var points: [(x: Double, y: Double)] }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var formatX: (Double) -> String
    public var formatY: (Double) -> String

    public init(id: String, title: String, xLabel: String, yLabel: String, series: [Series],
                formatX: @escaping (Double) -> String, formatY: @escaping (Double) -> String) {
        self.id = id; self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
        self.formatX = formatX; self.formatY = formatY
    }

    public func svg(width: Double = 900, height: Double = 380) -> Markup {
        let left = 70.0, right = 170.0, top = 46.0, bottom = height - 56
        let xs = series.flatMap { $0.points.map(\.x) }.filter { $0 > 0 }, ys = series.flatMap { $0.points.map(\.y) }
        let xScale = LogScale(covering: xs.min() ?? 1, xs.max() ?? 10, range: (left, width - right))
        let yLo = (ys.min() ?? 0), yHi = (ys.max() ?? 1)
        let pad = max((yHi - yLo) * 0.08, 0.01)
        let yScale = LinearScale(from: yLo - pad, to: yHi + pad, range: (bottom, top))
        var parts = ChartAxes(title: title, xLabel: xLabel, yLabel: yLabel, left: left, right: right, top: top, bottom: bottom, width: width)
            .markup(x: xScale, y: yScale, formatX: formatX, formatY: formatY)
        for (i, s) in series.enumerated() {
            let pts = s.points.filter { $0.x > 0 }.sorted { $0.x < $1.x }
            guard !pts.isEmpty else { continue }
            let d = pts.enumerated().map { (j, p) in (j == 0 ? "M" : "L") + px(xScale.map(p.x)) + "," + px(yScale.map(p.y)) }.joined(separator: " ")
            parts.append(.el("path", [("d", d), ("fill", "none"), ("stroke", ChartStyle.color(i)), ("stroke-width", "2.2"),
                                      ("stroke-dasharray", ChartStyle.dash(i))], [.el("title", [], text: s.name)]))
            for p in pts {
                parts.append(marker(i, xScale.map(p.x), yScale.map(p.y), "\(s.name): \(formatY(p.y)) at \(formatX(p.x))"))
            }
            let ly = top + 8 + Double(i) * 20
            parts.append(.el("line", [("x1", px(width - right + 14)), ("x2", px(width - right + 44)), ("y1", px(ly)), ("y2", px(ly)),
                                      ("stroke", ChartStyle.color(i)), ("stroke-width", "2.2"), ("stroke-dasharray", ChartStyle.dash(i))]))
            parts.append(marker(i, width - right + 29, ly, s.name))
            parts.append(.el("text", [("x", px(width - right + 50)), ("y", px(ly + 4)), ("class", "tick")], text: s.name))
        }
        return .el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart"), ("role", "img"), ("aria-label", title),
                           ("viewBox", "0 0 \(px(width)) \(px(height))"), ("width", px(width)), ("height", px(height))], parts)
    }

    /// A marker shape per series (circle, square, triangle, diamond…) for greyscale print.
    func marker(_ i: Int, _ x: Double, _ y: Double, _ tip: String) -> Markup {
        let c = ChartStyle.color(i), title: [Markup] = [.el("title", [], text: tip)]
        switch i % 4 {
        case 0: return .el("circle", [("cx", px(x)), ("cy", px(y)), ("r", "3.5"), ("fill", c)], title)
        case 1: return .el("rect", [("x", px(x - 3.5)), ("y", px(y - 3.5)), ("width", "7"), ("height", "7"), ("fill", c)], title)
        case 2: return .el("path", [("d", "M\(px(x)),\(px(y - 4.5)) L\(px(x + 4.5)),\(px(y + 3.5)) L\(px(x - 4.5)),\(px(y + 3.5)) Z"), ("fill", c)], title)
        default: return .el("path", [("d", "M\(px(x)),\(px(y - 4.5)) L\(px(x + 4.5)),\(px(y)) L\(px(x)),\(px(y + 4.5)) L\(px(x - 4.5)),\(px(y)) Z"), ("fill", "#ffffff"), ("stroke", c), ("stroke-width", "1.8")], title)
        }
    }
}
