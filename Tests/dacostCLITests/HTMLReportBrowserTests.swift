import DACost
import Foundation
import Testing

/// Opens the committed example `reports/report.html` in headless Chromium with no network, as a reader
/// would, and checks that it rendered: a non-blank PNG, and the charts in the DOM.
@Suite struct HTMLReportBrowserTests {
    static var chromium: String? {
        for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: p) { return p }
        return nil
    }

    static func run(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(chromium, "Chromium is not installed: scripts/test.sh installs it"))
        // No proxy and an unreachable proxy server: the page must not need the network.
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--proxy-server=127.0.0.1:9", "--user-data-dir=" + NSTemporaryDirectory() + "dacost-chromium-\(UUID().uuidString)"] + args
        let dir = NSTemporaryDirectory() + "dacost-chromium-out-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: dir, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir))
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        return (p.terminationStatus, try String(contentsOfFile: dir, encoding: .utf8))
    }

    /// A PNG's header fields and its zlib-inflated image data (filter bytes included).
    static func inflate(png: Data) throws -> (width: Int, height: Int, colorType: UInt8, data: [UInt8]) {
        let b = [UInt8](png)
        #expect(Array(b.prefix(8)) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        var i = 8, idat = [UInt8](), width = 0, height = 0, colorType: UInt8 = 6
        while i + 8 <= b.count {
            let len = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            let data = Array(b[(i + 8)..<min(b.count, i + 8 + len)])
            if type == "IHDR" {
                width = Int(data[0]) << 24 | Int(data[1]) << 16 | Int(data[2]) << 8 | Int(data[3])
                height = Int(data[4]) << 24 | Int(data[5]) << 16 | Int(data[6]) << 8 | Int(data[7])
                #expect(data[8] == 8 && (data[9] == 2 || data[9] == 6) && data[12] == 0, "8-bit RGB or RGBA, not interlaced")
                colorType = data[9]
            }
            if type == "IDAT" { idat += data }
            i += 12 + len
        }
        let d = try CodecID.zlib(9).makeDecompressor()
        let out = ByteBuffer()
        try idat.withUnsafeBytes { try d.decompress($0, expectedSize: width * height * 4 + height, into: out) }
        return (width, height, colorType, Array(out.bytes))
    }

    /// Enough of a PNG's pixels to tell a blank page from a drawn one.
    static func distinctBytes(png: Data) throws -> (width: Int, height: Int, distinct: Int) {
        let image = try inflate(png: png)
        var seen = Set<UInt8>()
        for byte in image.data { seen.insert(byte); if seen.count > 200 { break } }
        return (image.width, image.height, seen.count)
    }

    @Test func exampleReportRendersWithItsCharts() throws {
        let html = CLI.packageRoot.appendingPathComponent("reports/report.html").path
        let text = try String(contentsOfFile: html, encoding: .utf8)
        // Self-contained: no script, and no address but the SVG namespace.
        #expect(!text.contains("<script"))
        #expect(text.components(separatedBy: "http").count - 1 == text.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)

        let png = NSTemporaryDirectory() + "dacost-report-\(UUID().uuidString).png"
        let (status, _) = try Self.run(["--window-size=1024,3000", "--screenshot=" + png, "file://" + html])
        #expect(status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.count > 50_000)
        let pixels = try Self.distinctBytes(png: data)
        #expect(pixels.width == 1024 && pixels.height == 3000)
        #expect(pixels.distinct > 50, "a blank page has a handful of byte values")

        let (domStatus, dom) = try Self.run(["--dump-dom", "file://" + html])
        #expect(domStatus == 0)
        for id in ["cost-per-tx", "cost-per-mb", "ratio-vs-batch"] { #expect(dom.contains("id=\"\(id)\""), "\(id)") }
        #expect(dom.components(separatedBy: "<svg").count - 1 == 3)
        #expect(dom.components(separatedBy: "<rect").count > 50)
        #expect(dom.contains("Trust model") && dom.contains("Provenance") && dom.contains("OP Fjord fee check"))
    }

    /// A PNG's rows of 8-bit RGB or RGBA pixels (non-interlaced, as Chromium writes), unfiltered.
    static func pixelRows(png: Data) throws -> [[UInt8]] {
        let image = try inflate(png: png)
        let bpp = image.colorType == 2 ? 3 : 4, stride = image.width * bpp, height = image.height, raw = image.data
        var rows = [[UInt8]](), previous = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let start = y * (stride + 1)
            guard start + stride < raw.count + 1 else { break }
            let filter = raw[start]
            var row = Array(raw[(start + 1)..<(start + 1 + stride)])
            for x in 0..<stride {
                let a = x >= bpp ? Int(row[x - bpp]) : 0, up = Int(previous[x]), c = x >= bpp ? Int(previous[x - bpp]) : 0
                let predictor: Int
                switch filter {
                case 1: predictor = a
                case 2: predictor = up
                case 3: predictor = (a + up) / 2
                case 4:
                    let p = a + up - c, pa = abs(p - a), pb = abs(p - up), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? up : c
                default: predictor = 0
                }
                row[x] = UInt8(truncatingIfNeeded: Int(row[x]) + predictor)
            }
            rows.append(row)
            previous = row
        }
        return rows
    }

    /// The committed picture of the report shows the whole page: its last rows are the page's white margin,
    /// not a table cut off (a 3000-pixel-high shot ended inside the Submissions table).
    @Test func committedPictureShowsTheWholePage() throws {
        let png = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("reports/report.png"))
        let rows = try Self.pixelRows(png: png)
        #expect(rows.count > 5_000)
        let white = rows.suffix(100).allSatisfy { row in row.allSatisfy { $0 == 255 } }
        #expect(white, "the page runs past the bottom of reports/report.png: regenerate it with scripts/main.sh")
        let html = try String(contentsOf: CLI.packageRoot.appendingPathComponent("reports/report.html"), encoding: .utf8)
        // The wide Submissions table wraps inside the page instead of overflowing it.
        #expect(html.contains("<h2>Submissions</h2><table class=\"wrap\">"))
    }
}
