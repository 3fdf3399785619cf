import Foundation

/// One day of a chain's real posting: what it sent to L1, what that cost, and what its users paid for it
/// (the columns of `fixtures/op-chains-daily-2023.csv`, described in its README).
public struct DailyPosting: Codable, Equatable, Sendable {
    public var date: String
    public var chain: String
    public var l2Txs: Double
    public var l2TxBytes: Double
    public var l2TxCalldataGas: Double
    public var inboxTxs: Double
    public var inboxBytes: Double
    public var inboxGasUsed: Double
    public var inboxFeesETH: Double
    public var inboxAvgGasPriceGwei: Double
    public var outputTxs: Double
    public var outputGasUsed: Double
    public var outputFeesETH: Double
    public var outputAvgGasPriceGwei: Double
    public var l2AvgL1BaseFeeGwei: Double
    public var l1FeeRevenueETH: Double
    /// The blob base fee the L2 saw, mean of the day (gwei): optional column `l2_avg_l1_blob_base_fee_gwei`,
    /// needed for users' L1 fee from Ecotone (2024-03-14) on.
    public var l2AvgL1BlobBaseFeeGwei: Double? = nil

    /// The day's 00:00 UTC in unix seconds.
    public var time: Int64 { CalendarDay.epochSeconds(date) ?? 0 }

    /// The columns, in the file's order, with the range each value must lie in.
    static let numericColumns: [(name: String, path: WritableKeyPath<DailyPosting, Double>, whole: Bool)] = [
        ("l2_txs", \.l2Txs, true), ("l2_tx_bytes", \.l2TxBytes, true), ("l2_tx_calldata_gas", \.l2TxCalldataGas, true),
        ("inbox_txs", \.inboxTxs, true), ("inbox_bytes", \.inboxBytes, true), ("inbox_gas_used", \.inboxGasUsed, true),
        ("inbox_fees_eth", \.inboxFeesETH, false), ("inbox_avg_gas_price_gwei", \.inboxAvgGasPriceGwei, false),
        ("output_txs", \.outputTxs, true), ("output_gas_used", \.outputGasUsed, true), ("output_fees_eth", \.outputFeesETH, false),
        ("output_avg_gas_price_gwei", \.outputAvgGasPriceGwei, false), ("l2_avg_l1_base_fee_gwei", \.l2AvgL1BaseFeeGwei, false),
        ("l1_fee_revenue_eth", \.l1FeeRevenueETH, false),
    ]
}

/// What is wrong with a daily-posting file, naming the line and the column.
public struct DailyPostingError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var column: String?
    public var problem: String

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ": column '\(column)'" }
        return s + ": " + problem
    }
}

/// Reads a daily-posting CSV: a header naming the columns (any order; extra columns are ignored), one row
/// per chain and day. Missing or non-numeric values, negative numbers, fractional counts, an unknown date
/// and a day twice for one chain are errors naming the line and column.
public enum DailyPostingCSV {
    /// Values beyond any chain's day (counts, bytes, gas, ETH, gwei): larger ones are typos or attacks.
    static let maxValue = 1e18
    /// The optional column of the blob base fee the L2 saw (gwei), for days from Ecotone on.
    static let blobFeeColumn = "l2_avg_l1_blob_base_fee_gwei"
    static let maxFileBytes = 64 << 20

    public static func read(path: String) throws -> [DailyPosting] {
        func fail(_ line: Int?, _ column: String?, _ problem: String) -> DailyPostingError {
            DailyPostingError(file: path, line: line, column: column, problem: problem)
        }
        let data: [UInt8]
        switch FileBytes.read(path, limit: maxFileBytes) {
        case .success(let d): data = d
        case .failure(let f): throw fail(nil, nil, f.reason(what: "a daily-posting file"))
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw fail(nil, nil, "not UTF-8 text: expected a CSV file") }
        // Lines split on bytes: "\r\n" is one Character to Swift, so a file with Windows line ends needs this.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { slice -> String in
            var s = String(decoding: slice, as: UTF8.self)
            if s.hasSuffix("\r") { s.removeLast() }
            return s
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw fail(1, nil, "empty file: expected a header row naming the columns") }
        let header = cells(headerLine)
        var index = [String: Int]()
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        let required = ["date", "chain"] + DailyPosting.numericColumns.map(\.name)
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw fail(1, missing.first, "the header lacks \(missing.joined(separator: ", ")): expected the columns of op-chains-daily-2023.csv")
        }
        var rows = [DailyPosting](), seen = Set<String>()
        for (n, line) in lines.enumerated().dropFirst() {
            let lineNumber = n + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(lineNumber, nil, "an empty line: expected a row") }
            let c = cells(line)
            func cell(_ name: String) throws -> String {
                guard let i = index[name], i < c.count, !c[i].isEmpty else { throw fail(lineNumber, name, "missing value") }
                return c[i]
            }
            let date = try cell("date")
            guard CalendarDay(date) != nil else {
                throw fail(lineNumber, "date", "expected a calendar day YYYY-MM-DD, got \"\(date.prefix(40))\"")
            }
            let chain = try cell("chain")
            guard seen.insert(chain + "\u{0}" + date).inserted else {
                throw fail(lineNumber, "date", "\(date) appears twice for chain \(chain)")
            }
            var row = DailyPosting(date: date, chain: chain, l2Txs: 0, l2TxBytes: 0, l2TxCalldataGas: 0, inboxTxs: 0, inboxBytes: 0,
                                   inboxGasUsed: 0, inboxFeesETH: 0, inboxAvgGasPriceGwei: 0, outputTxs: 0, outputGasUsed: 0,
                                   outputFeesETH: 0, outputAvgGasPriceGwei: 0, l2AvgL1BaseFeeGwei: 0, l1FeeRevenueETH: 0)
            // Every value, required or optional, is checked the same way.
            func number(_ raw: String, _ column: String, whole: Bool) throws -> Double {
                guard let v = Double(raw), v.isFinite, !raw.contains(where: { $0 == "\u{0}" }) else {
                    throw fail(lineNumber, column, "expected a number, got \"\(raw.prefix(40))\"")
                }
                guard v >= 0, v <= maxValue else { throw fail(lineNumber, column, "expected a number from 0 to 1e18, got \(raw.prefix(40))") }
                if whole && v != v.rounded() { throw fail(lineNumber, column, "expected a whole count, got \(raw.prefix(40))") }
                return v
            }
            for col in DailyPosting.numericColumns {
                row[keyPath: col.path] = try number(try cell(col.name), col.name, whole: col.whole)
            }
            if let i = index[Self.blobFeeColumn], i < c.count, !c[i].isEmpty {
                row.l2AvgL1BlobBaseFeeGwei = try number(c[i], Self.blobFeeColumn, whole: false)
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw fail(2, nil, "no rows: expected one row per chain and day") }
        return rows
    }

    /// The cells of one CSV line: commas separate, double quotes enclose a cell that holds commas.
    static func cells(_ line: String) -> [String] {
        var out = [String](), current = "", quoted = false
        var chars = Array(line)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else { current.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { out.append(current.trimmingCharacters(in: .whitespaces)); current = "" }
            else { current.append(ch) }
        }
        out.append(current.trimmingCharacters(in: .whitespaces))
        return out
    }
}
