/// Daily values across Monte Carlo paths: a P5–P95 band and the P50 line per series, over days.
public struct FanChart {
    public struct Series {
        public var name: String
        public var p5: [Double], p50: [Double], p95: [Double]
    }

    public var id: String
    public var title: String
    public var yLabel: String
    public var days: [String]
    public var series: [Series]
    public var logScale: Bool
    public var format: (Double) -> String
    /// What the bands mean, under the legend; nil for series without a band.
    public var bandNote: String? = "band: P5–P95, line: P50"

    public init(id: String, title: String, yLabel: String, days: [String], series: [Series], logScale: Bool, format: @escaping (Double) -> String) {
        self.id = id; self.title = title; self.yLabel = yLabel; self.days = days; self.series = series; self.logScale = logScale; self.format = format
    }

    public func svg(width: Double = 900, height: Double = 400) -> Markup {
        let left = 80.0, right = 190.0, top = 46.0, bottom = height - 60
        let all = series.flatMap { $0.p5 + $0.p95 }.filter { $0.isFinite && (!logScale || $0 > 0) }
        let lo = all.min() ?? 1, hi = all.max() ?? 10
        let y: ChartScale = logScale ? LogScale(covering: lo, hi, range: (bottom, top))
                                     : LinearScale(from: min(0, lo), to: hi * 1.05, range: (bottom, top))
        let n = max(1, days.count - 1)
        func x(_ i: Int) -> Double { left + Double(i) / Double(n) * (width - right - left) }
        func yv(_ v: Double) -> Double { y.map(logScale ? max(v, lo) : v) }
        var parts: [Markup] = [.el("text", [("x", px(width / 2)), ("y", "22"), ("text-anchor", "middle"), ("class", "title")], text: title)]
        for t in y.ticks() {
            let yy = y.map(t)
            parts.append(.el("line", [("x1", px(left)), ("x2", px(width - right)), ("y1", px(yy)), ("y2", px(yy)), ("class", "grid")]))
            parts.append(.el("text", [("x", px(left - 6)), ("y", px(yy + 4)), ("text-anchor", "end"), ("class", "tick")], text: format(t)))
        }
        let every = max(1, days.count / 6)
        for (i, d) in days.enumerated() where i % every == 0 || i == days.count - 1 {
            parts.append(.el("text", [("x", px(x(i))), ("y", px(bottom + 16)), ("text-anchor", "middle"), ("class", "tick")], text: String(d.dropFirst(5))))
        }
        parts.append(.el("line", [("x1", px(left)), ("x2", px(width - right)), ("y1", px(bottom)), ("y2", px(bottom)), ("class", "axis")]))
        parts.append(.el("line", [("x1", px(left)), ("x2", px(left)), ("y1", px(top)), ("y2", px(bottom)), ("class", "axis")]))
        parts.append(.el("text", [("x", px((left + width - right) / 2)), ("y", px(bottom + 38)), ("text-anchor", "middle"), ("class", "label")],
                         text: "day (UTC)"))
        // The values are on the log axis: the vertical one.
        parts.append(.el("text", [("x", "16"), ("y", px((top + bottom) / 2)), ("text-anchor", "middle"), ("class", "label"),
                                  ("transform", "rotate(-90 16 \(px((top + bottom) / 2)))")], text: yLabel + (logScale ? " (log scale)" : "")))
        for (k, s) in series.enumerated() {
            let c = ChartStyle.color(k)
            let upper = s.p95.indices.map { "\(px(x($0))),\(px(yv(s.p95[$0])))" }
            let lower = s.p5.indices.reversed().map { "\(px(x($0))),\(px(yv(s.p5[$0])))" }
            parts.append(.el("path", [("d", "M" + (upper + lower).joined(separator: " L") + " Z"), ("fill", c), ("fill-opacity", "0.18"),
                                      ("stroke", c), ("stroke-opacity", "0.5"), ("stroke-width", "0.8"), ("stroke-dasharray", "3 2")],
                             [.el("title", [], text: "\(s.name): P5–P95")]))
            let mid = s.p50.indices.map { "\(px(x($0))),\(px(yv(s.p50[$0])))" }
            parts.append(.el("path", [("d", "M" + mid.joined(separator: " L")), ("fill", "none"), ("stroke", c), ("stroke-width", "2.2"),
                                      ("stroke-dasharray", ChartStyle.dash(k))], [.el("title", [], text: "\(s.name): P50")]))
            let ly = top + 8 + Double(k) * 20
            parts.append(.el("rect", [("x", px(width - right + 14)), ("y", px(ly - 6)), ("width", "30"), ("height", "12"), ("fill", c), ("fill-opacity", "0.18")]))
            parts.append(.el("line", [("x1", px(width - right + 14)), ("x2", px(width - right + 44)), ("y1", px(ly)), ("y2", px(ly)),
                                      ("stroke", c), ("stroke-width", "2.2"), ("stroke-dasharray", ChartStyle.dash(k))]))
            parts.append(.el("text", [("x", px(width - right + 50)), ("y", px(ly + 4)), ("class", "tick")], text: s.name))
        }
        if let bandNote {
            parts.append(.el("text", [("x", px(width - right + 14)), ("y", px(top + 8 + Double(series.count) * 20 + 6)), ("class", "tick")],
                             text: bandNote))
        }
        return .el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart"), ("role", "img"), ("aria-label", title),
                           ("viewBox", "0 0 \(px(width)) \(px(height))"), ("width", px(width)), ("height", px(height))], parts)
    }
}
