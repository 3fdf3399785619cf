/// Where a signed transaction's input data (call data) lies in its bytes: what fee formulas that price
/// "the transaction's calldata" separate from the envelope (nonce, gas, to, value, signature).
public enum TransactionInput {
    /// The byte range of the input data in a signed EIP-2718 transaction; nil when the bytes are not a
    /// transaction with an input field.
    public static func range(in b: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let first = b.first else { return nil }
        let type: TransactionType, start: Int
        if first >= 0xc0 { type = .legacy; start = 0 }
        else if let t = TransactionType(rawValue: first), t != .legacy { type = t; start = 1 }
        else { return nil }
        guard let (item, _) = try? RLP.item(in: b, at: start, end: b.count), case .list(let body) = item,
              let fields = try? RLP.items(in: b, body),
              let index = TransactionField.schema(for: type).firstIndex(where: { $0.name == "input" }),
              index < fields.count, case .string(let input) = fields[index] else { return nil }
        return input
    }
}
