/// Horizontal bars on a log value axis: costs that span orders of magnitude, cheapest at the top.
public struct BarChart {
    public struct Bar {
        public var label: String; public var value: Double; public var series: Int
        /// Marked ★ (the winner).
        public var star = false
        public init(label: String, value: Double, series: Int, star: Bool = false) {
            self.label = label; self.value = value; self.series = series; self.star = star
        }
    }

    public var id: String
    public var title: String
    public var axisLabel: String
    public var bars: [Bar]
    public var seriesNames: [String]
    public var format: (Double) -> String

    public init(id: String, title: String, axisLabel: String, bars: [Bar], seriesNames: [String], format: @escaping (Double) -> String) {
        self.id = id; self.title = title; self.axisLabel = axisLabel; self.bars = bars; self.seriesNames = seriesNames; self.format = format
    }

    public func svg(width: Double = 900) -> Markup {
        let left = 230.0, right = 90.0, top = 56.0, barHeight = 15.0, gap = 5.0
        let plotBottom = top + Double(bars.count) * (barHeight + gap)
        let height = plotBottom + 78
        let values = bars.map(\.value).filter { $0 > 0 }
        let scale = LogScale(covering: values.min() ?? 1, values.max() ?? 10, range: (left, width - right))
        var parts: [Markup] = [
            ChartStyle.patterns(count: seriesNames.count, prefix: "\(id)-p"),
            .el("text", [("x", px(width / 2)), ("y", "22"), ("text-anchor", "middle"), ("class", "title")], text: title),
        ]
        for t in scale.ticks() {
            let x = scale.map(t)
            parts.append(.el("line", [("x1", px(x)), ("x2", px(x)), ("y1", px(top - 4)), ("y2", px(plotBottom)), ("class", "grid")]))
            // Ticks sit on whole decades: one significant digit says it.
            let tick = format(t).replacingOccurrences(of: NumberFormat.significant(t, 3), with: NumberFormat.significant(t, 1))
            parts.append(.el("text", [("x", px(x)), ("y", px(plotBottom + 16)), ("text-anchor", "middle"), ("class", "tick")], text: tick))
        }
        parts.append(.el("line", [("x1", px(left)), ("x2", px(width - right)), ("y1", px(plotBottom)), ("y2", px(plotBottom)), ("class", "axis")]))
        parts.append(.el("text", [("x", px((left + width - right) / 2)), ("y", px(plotBottom + 36)), ("text-anchor", "middle"), ("class", "label")],
                         text: axisLabel + " (log scale)"))
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * (barHeight + gap)
            let w = max(1, scale.map(max(bar.value, scale.domain.lowerBound)) - left)
            parts.append(.el("text", [("x", px(left - 6)), ("y", px(y + barHeight - 3)), ("text-anchor", "end"), ("class", "tick")],
                             text: (bar.star ? "★ " : "") + bar.label))
            parts.append(.el("rect", [("x", px(left)), ("y", px(y)), ("width", px(w)), ("height", px(barHeight)),
                                      ("fill", "url(#\(id)-p\(bar.series))"), ("stroke", "#333333"), ("stroke-width", "0.5")],
                             [.el("title", [], text: "\(bar.label): \(format(bar.value))")]))
            parts.append(.el("text", [("x", px(left + w + 4)), ("y", px(y + barHeight - 3)), ("class", "value")], text: format(bar.value)))
        }
        // Legend: one swatch per series (layer).
        var x = left
        for (i, name) in seriesNames.enumerated() {
            parts.append(.el("rect", [("x", px(x)), ("y", px(plotBottom + 50)), ("width", "14"), ("height", "14"),
                                      ("fill", "url(#\(id)-p\(i))"), ("stroke", "#333333"), ("stroke-width", "0.5")]))
            parts.append(.el("text", [("x", px(x + 18)), ("y", px(plotBottom + 61)), ("class", "tick")], text: name))
            x += 26 + Double(name.count) * 6.6
        }
        return .el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart"), ("role", "img"),
                           ("aria-label", title), ("viewBox", "0 0 \(px(width)) \(px(height))"), ("width", px(width)), ("height", px(height))], parts)
    }
}
