import Foundation

/// Maps data values to pixels and proposes labelled ticks.
public protocol ChartScale {
    func map(_ v: Double) -> Double
    func ticks() -> [Double]
}

public struct LinearScale: ChartScale {
    public let domain: ClosedRange<Double>
    /// Pixel positions of the domain's ends; `to` may be below `from` (y grows downwards).
    public let range: (from: Double, to: Double)

    public init(from lo: Double, to hi: Double, range: (from: Double, to: Double)) {
        let a = min(lo, hi), b = max(lo, hi)
        self.domain = a == b ? a...(a + 1) : a...b
        self.range = range
    }

    public func map(_ v: Double) -> Double {
        range.from + (v - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * (range.to - range.from)
    }

    /// 1-2-5 steps giving about five ticks.
    public func ticks() -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        let raw = span / 5
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        var out = [Double]()
        var t = ceil(domain.lowerBound / step) * step
        while t <= domain.upperBound + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }
}

public struct LogScale: ChartScale {
    public let domain: ClosedRange<Double>
    public let range: (from: Double, to: Double)

    /// Widens the domain to whole decades so the ends carry ticks.
    public init(covering lo: Double, _ hi: Double, range: (from: Double, to: Double)) {
        let a = pow(10, floor(log10(max(lo, 1e-300)))), b = pow(10, ceil(log10(max(hi, lo * 10, 1e-300))))
        domain = a...(b > a ? b : a * 10)
        self.range = range
    }

    public func map(_ v: Double) -> Double {
        let l = log10(max(v, domain.lowerBound)), a = log10(domain.lowerBound), b = log10(domain.upperBound)
        return range.from + (l - a) / (b - a) * (range.to - range.from)
    }

    public func ticks() -> [Double] {
        var out = [Double]()
        var t = domain.lowerBound
        while t <= domain.upperBound * 1.000001 { out.append(t); t *= 10 }
        return out
    }
}

/// Colours and fill patterns that stay apart in greyscale print: the Okabe-Ito palette (safe for
/// colour blindness), spread in lightness, each with its own hatch pattern.
public enum ChartStyle {
    public static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
    /// Dash arrays for lines, one per series.
    public static let dashes = ["", "8 4", "2 3", "10 3 2 3", "4 4", "1 2"]

    public static func color(_ i: Int) -> String { colors[i % colors.count] }
    public static func dash(_ i: Int) -> String { dashes[i % dashes.count] }

    /// `<defs>` with one pattern per series: solid, diagonal, dots, cross-hatch, horizontal, vertical.
    public static func patterns(count: Int, prefix: String) -> Markup {
        var defs = [Markup]()
        for i in 0..<count {
            let c = color(i)
            var marks: [Markup] = [.el("rect", [("width", "8"), ("height", "8"), ("fill", c)])]
            let ink = [("stroke", "#ffffff"), ("stroke-width", "1.6")]
            switch i % 6 {
            case 1: marks.append(.el("path", [("d", "M0,8 L8,0")] + ink))
            case 2: marks.append(.el("circle", [("cx", "4"), ("cy", "4"), ("r", "1.6"), ("fill", "#ffffff")]))
            case 3: marks.append(.el("path", [("d", "M0,8 L8,0 M0,0 L8,8")] + ink))
            case 4: marks.append(.el("path", [("d", "M0,4 L8,4")] + ink))
            case 5: marks.append(.el("path", [("d", "M4,0 L4,8")] + ink))
            default: break
            }
            defs.append(.el("pattern", [("id", "\(prefix)\(i)"), ("width", "8"), ("height", "8"), ("patternUnits", "userSpaceOnUse")], marks))
        }
        return .el("defs", [], defs)
    }
}
