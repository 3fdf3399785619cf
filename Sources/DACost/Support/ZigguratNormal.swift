import Foundation

/// Standard normal deviates by the ziggurat method (Marsaglia and Tsang 2000, in the form of Doornik,
/// "An Improved Ziggurat Method to Generate Normal Random Samples", 2005: 128 layers, the layer index and
/// the uniform from separate bits of one 64-bit draw). A market curve draws one per step per path; 97.2%
/// of draws (the mean of the layers' ratios) take one multiply and one comparison, where Box-Muller needs
/// a log, a square root and a cosine (a tenth of a projection's time before this).
enum ZigguratNormal {
    /// Layers, the start of the tail, and each layer's area (Doornik's ZIGNOR_C, ZIGNOR_R, ZIGNOR_V).
    static let layers = 128
    static let tailStart = 3.442619855899
    static let area = 9.91256303526217e-3

    /// Layer i's right edge x[i] (x[0] the base's, which holds the tail's area as a rectangle; x[128] = 0),
    /// then each layer's ratio x[i+1] / x[i] below which a draw is inside the next layer's edge: read
    /// with a 7-bit index and no bounds check, so kept in memory the process never frees.
    nonisolated(unsafe) static let edges: UnsafePointer<Double> = {
        let x = UnsafeMutablePointer<Double>.allocate(capacity: 2 * layers + 1)
        var f = Foundation.exp(-0.5 * tailStart * tailStart)
        x[0] = area / f
        x[1] = tailStart
        x[layers] = 0
        for i in 2..<layers {
            x[i] = (-2 * Foundation.log(area / x[i - 1] + f)).squareRoot()
            f = Foundation.exp(-0.5 * x[i] * x[i])
        }
        for i in 0..<layers { x[layers + 1 + i] = x[i + 1] / x[i] }
        return UnsafePointer(x)
    }()

    /// One deviate from `rng`.
    @inline(__always)
    static func next(_ rng: inout SeededRandom) -> Double {
        let x = edges, ratio = edges + layers + 1
        while true {
            let w = rng.next()
            let i = Int(w & 127)
            // Uniform in [-1, 1) from the top 53 bits, apart from the 7 bits of the index.
            let u = Double(w >> 11) * 0x1p-52 - 1
            if abs(u) < ratio[i] { return u * x[i] }
            if let v = edge(i, u, x, &rng) { return v }
        }
    }

    /// The slow cases: the tail beyond `tailStart` (layer 0), or a draw in the wedge between a layer's
    /// rectangle and the density, kept with the density's probability; nil to draw again.
    private static func edge(_ i: Int, _ u: Double, _ x: UnsafePointer<Double>, _ rng: inout SeededRandom) -> Double? {
        if i == 0 {
            // Marsaglia's tail method: exponential proposals beyond the tail's start.
            var a = 0.0, b = 0.0
            repeat {
                a = Foundation.log(openUnit(&rng)) / tailStart
                b = Foundation.log(openUnit(&rng))
            } while -2 * b < a * a
            return u < 0 ? a - tailStart : tailStart - a
        }
        let v = u * x[i]
        let f0 = Foundation.exp(-0.5 * (x[i] * x[i] - v * v)), f1 = Foundation.exp(-0.5 * (x[i + 1] * x[i + 1] - v * v))
        return f1 + rng.nextUnit() * (f0 - f1) < 1 ? v : nil
    }

    /// Uniform in (0, 1): a log's argument.
    private static func openUnit(_ rng: inout SeededRandom) -> Double {
        (Double(rng.next() >> 11) + 0.5) * 0x1p-53
    }
}

extension SeededRandom {
    /// A standard normal deviate by the ziggurat method (`ZigguratNormal`).
    @inline(__always)
    mutating func nextNormal() -> Double { ZigguratNormal.next(&self) }
}
