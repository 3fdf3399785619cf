import DACost
@testable import DACostRPC
import Foundation
import LoopbackNode
import Testing

/// `BlockDecoding.transactions` on one block object, without a node: the transactions are encoded
/// first and hashed together, so these pin what the order of checks still guarantees.
@Suite struct BlockDecodingTests {
    /// Block 7 of a synthetic chain (a deposit, then 30 OP-sized transactions), as a JSON object.
    static func block() throws -> [String: Any] {
        let chain = try RecordedChain.synthetic(from: 7, count: 1, perBlock: 30)
        let text = try #require(chain.hydrated[7])
        return try #require(try JSONSerialization.jsonObject(with: Data(text)) as? [String: Any])
    }

    static func decode(_ object: [String: Any]) throws -> FetchedBlock {
        let tape = try JSONTape(parsing: Array(try JSONSerialization.data(withJSONObject: object)))
        return try tape.withRoot { try BlockDecoding.transactions($0, expected: 7) }
    }

    static func editing(_ object: [String: Any], transaction i: Int, _ key: String, to value: String) -> [String: Any] {
        var o = object
        var txs = o["transactions"] as? [[String: Any]] ?? []
        txs[i][key] = value
        o["transactions"] = txs
        return o
    }

    @Test func everyTransactionButTheDepositBecomesALineInOrder() throws {
        let b = try Self.decode(try Self.block())
        #expect(b.transactions == 30 && b.depositsSkipped == 1)
        let lines = String(decoding: b.text, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 30)
        #expect(lines.first?.hasPrefix("{\"block\":7,\"timestamp\":") == true && lines.first?.contains(",\"index\":1,\"raw\":\"0x") == true)
        #expect(lines.last?.contains(",\"index\":30,\"raw\":\"0x") == true)
        #expect(b.text.count == lines.reduce(0) { $0 + $1.utf8.count + 1 }) // sized exactly, ends in a newline
    }

    @Test func aHashMismatchIsReportedBeforeABadTransactionAfterIt() throws {
        var o = Self.editing(try Self.block(), transaction: 4, "hash", to: "0x" + String(repeating: "0", count: 64))
        o = Self.editing(o, transaction: 20, "nonce", to: "0xzz")
        #expect { try Self.decode(o) } throws: { e in
            guard case .hashMismatch(7, 4, _, _)? = e as? FetchError else { return false }
            return true
        }
        // Alone, the bad field is what is reported, naming its transaction and field.
        let bad = Self.editing(try Self.block(), transaction: 20, "nonce", to: "0xzz")
        #expect { try Self.decode(bad) } throws: { e in
            guard case .badBlock(7, let field, _)? = e as? FetchError else { return false }
            return field == "transactions[20].nonce"
        }
    }

    @Test func aBlockOfOnlyADepositWritesNothing() throws {
        var o = try Self.block()
        o["transactions"] = Array((o["transactions"] as? [Any] ?? []).prefix(1))
        let b = try Self.decode(o)
        #expect(b.text.isEmpty && b.transactions == 0 && b.depositsSkipped == 1)
    }
}
