/// The frame every chart with two scales draws: its title, grid lines with labelled ticks on both axes,
/// the axes, and their labels.
struct ChartAxes {
    var title: String, xLabel: String, yLabel: String
    var left: Double, right: Double, top: Double, bottom: Double, width: Double

    func markup(x xScale: ChartScale, y yScale: ChartScale, formatX: (Double) -> String, formatY: (Double) -> String) -> [Markup] {
        var parts: [Markup] = [.el("text", [("x", px(width / 2)), ("y", "22"), ("text-anchor", "middle"), ("class", "title")], text: title)]
        for t in xScale.ticks() {
            let x = xScale.map(t)
            parts.append(.el("line", [("x1", px(x)), ("x2", px(x)), ("y1", px(top)), ("y2", px(bottom)), ("class", "grid")]))
            parts.append(.el("text", [("x", px(x)), ("y", px(bottom + 16)), ("text-anchor", "middle"), ("class", "tick")], text: formatX(t)))
        }
        for t in yScale.ticks() {
            let y = yScale.map(t)
            parts.append(.el("line", [("x1", px(left)), ("x2", px(width - right)), ("y1", px(y)), ("y2", px(y)), ("class", "grid")]))
            parts.append(.el("text", [("x", px(left - 6)), ("y", px(y + 4)), ("text-anchor", "end"), ("class", "tick")], text: formatY(t)))
        }
        parts.append(.el("line", [("x1", px(left)), ("x2", px(width - right)), ("y1", px(bottom)), ("y2", px(bottom)), ("class", "axis")]))
        parts.append(.el("line", [("x1", px(left)), ("x2", px(left)), ("y1", px(top)), ("y2", px(bottom)), ("class", "axis")]))
        parts.append(.el("text", [("x", px((left + width - right) / 2)), ("y", px(bottom + 38)), ("text-anchor", "middle"), ("class", "label")], text: xLabel))
        parts.append(.el("text", [("x", "16"), ("y", px((top + bottom) / 2)), ("text-anchor", "middle"), ("class", "label"),
                                  ("transform", "rotate(-90 16 \(px((top + bottom) / 2)))")], text: yLabel))
        return parts
    }
}
