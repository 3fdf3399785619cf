/// Writes a report's files into a folder, each atomically: `report.md`, `report.csv`, `report.json`,
/// `report.html`.
/// Everything is rendered before the first file is touched, so a failure leaves the old reports whole.
public enum ReportWriter {
    public static func write(_ report: Report, to directory: String) throws -> [String] {
        let files: [(String, [UInt8])] = [
            ("report.md", Array(ReportRenderer.markdown(report).utf8)),
            ("report.csv", Array(ReportRenderer.csv(report).utf8)),
            ("report.json", try JSONOutput.encode(report)),
            ("report.html", Array(HTMLReport.render(report).utf8)),
        ]
        return try write(files, to: directory)
    }

    /// Writes named files into `directory`, each atomically; returns their paths.
    public static func write(_ files: [(String, [UInt8])], to directory: String) throws -> [String] {
        var written = [String]()
        for (name, bytes) in files {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            try AtomicFile.write(bytes, to: path)
            written.append(path)
        }
        return written
    }
}
