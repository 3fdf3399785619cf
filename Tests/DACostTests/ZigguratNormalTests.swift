import Foundation
import Testing
@testable import DACost

/// The ziggurat sampler against the standard normal: its tables against the published constants, then a
/// million draws against the distribution's moments, quantiles and tails, each with a bound of several
/// standard errors (the draws are seeded, so the test is deterministic).
@Suite struct ZigguratNormalTests {
    /// Doornik (2005): 128 layers of equal area V under the density scaled to a peak of 1, exp(−x²/2), the
    /// base layer's rectangle x[0] · f(R) holding the tail's area as well.
    @Test func layersHaveEqualAreaAndCloseAtTheTop() {
        let x = ZigguratNormal.edges, n = ZigguratNormal.layers, v = ZigguratNormal.area
        func f(_ t: Double) -> Double { exp(-0.5 * t * t) }
        #expect(x[1] == ZigguratNormal.tailStart && x[n] == 0)
        // The base: the tail beyond R (√(π/2) · erfc(R/√2)) and the rectangle below R make V.
        let tail = (Double.pi / 2).squareRoot() * erfc(ZigguratNormal.tailStart / 2.0.squareRoot())
        #expect(abs(x[1] * f(x[1]) + tail - v) < 1e-9)
        #expect(abs(x[0] * f(x[1]) - v) < 1e-12)
        // Layer i (1...126): the rectangle from x[i+1] up to f(x[i+1]), over f(x[i]), has area V.
        for i in 1..<(n - 1) { #expect(abs(x[i] * (f(x[i + 1]) - f(x[i])) - v) < 1e-9, "layer \(i)") }
        // The top layer ends at the peak: its edge is where the last rectangle of area V reaches f = 1.
        #expect(abs(x[n - 1] * (1 - f(x[n - 1])) - v) < 1e-6)
    }

    @Test func drawsFollowTheStandardNormal() {
        var rng = SeededRandom(seed: 2026, stream: 12)
        let count = 1_000_000
        var sum = 0.0, squares = 0.0, fourth = 0.0
        var below = [Double](repeating: 0, count: 5)
        let cuts = [-2.0, -1.0, 0, 1.5, 3.0]
        var beyondTail = 0
        for _ in 0..<count {
            let z = rng.nextNormal()
            sum += z; squares += z * z; fourth += z * z * z * z
            for (k, c) in cuts.enumerated() where z < c { below[k] += 1 }
            if abs(z) > ZigguratNormal.tailStart { beyondTail += 1 }
        }
        let n = Double(count)
        // Mean 0 (standard error 0.001), variance 1 (0.0014), kurtosis 3 (about 0.005 on the fourth moment's 3).
        #expect(abs(sum / n) < 0.005)
        #expect(abs(squares / n - 1) < 0.007)
        #expect(abs(fourth / n - 3) < 0.05)
        // Φ at each cut, within five standard errors of a binomial share.
        for (k, c) in cuts.enumerated() {
            let phi = 0.5 * erfc(-c / 2.0.squareRoot())
            let se = (phi * (1 - phi) / n).squareRoot()
            #expect(abs(below[k] / n - phi) < 5 * se, "Φ(\(c)) = \(phi), drawn \(below[k] / n)")
        }
        // Both tails beyond R: 2 · (1 − Φ(R)) ≈ 0.000576, drawn by the tail method.
        let tail = erfc(ZigguratNormal.tailStart / 2.0.squareRoot())
        #expect(abs(Double(beyondTail) / n - tail) < 5 * (tail / n).squareRoot())
    }

    @Test func sameSeedSameDraws() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7)
        let x = (0..<1000).map { _ in a.nextNormal() }, y = (0..<1000).map { _ in b.nextNormal() }
        #expect(x == y)
    }
}
