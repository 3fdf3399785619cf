@testable import DACost
import Foundation
import Testing

/// The tape the RPC fetch reads in place, and the pieces of the encoder's fast path built on it.
@Suite struct JSONTapeTests {
    static let text = #"{"a": [1, "x", {"k": null}], "b\u0063": "esc\"aped", "hex": "0x1F", "n": 18446744073709551615, "big": "0x10000000000000000", "": true}"#

    @Test func elementsReadTheTapeInPlace() throws {
        let tape = try JSONTape(parsing: Array(Self.text.utf8))
        try tape.withRoot { root in
            #expect(root.isObject)
            #expect(root.members.map { $0.key.string ?? "?" } == ["a", "bc", "hex", "n", "big", ""]) // document order
            let a = try #require(root["a"])
            #expect(a.isArray && a.items.map(\.kindDescription) == ["a number", "a string", "an object"])
            let inner = try #require(a.items.map { $0 }.last)
            #expect(inner["k"]?.isNull == true && inner.present("k") == nil && inner["z"] == nil)
            // An escaped key is found by its decoded name; an escaped value has no in-place UTF-8.
            #expect(root["bc"]?.string == "esc\"aped")
            #expect(root["bc"]?.utf8 == nil)
            #expect(root["hex"].flatMap(\.utf8).map { Array($0) } == Array("0x1F".utf8))
            #expect(root["hex"]?.uint64 == 31 && root["hex"]?.textCount == 4)
            #expect(root["n"]?.uint64 == UInt64.max)
            #expect(root["big"]?.uint64 == nil) // 2^64 overflows
            #expect(root[""]?.bool == true)
            #expect(root["a"]?["k"] == nil) // not an object
        }
        // The tree built from the tape is the same document.
        let tree = try JSONValue.parse(Array(Self.text.utf8))
        #expect(tree.object?["bc"]?.string == "esc\"aped")
        #expect(tree.object?["a"] == .array([.number("1"), .string("x"), .object(JSONObject([("k", .null)]))]))
    }

    @Test func hexDigitsDecodeEightAtATimeExactlyAsOneByOne() {
        // Every byte value at every position of a word: valid exactly when it is a hex digit, and
        // then decoded as the digit says.
        let base = Array("0123abCD".utf8)
        for position in 0..<8 {
            for c in 0...255 {
                var text = base
                text[position] = UInt8(c)
                var out = [UInt8](repeating: 0, count: 4)
                let ok = text.withUnsafeBufferPointer { t in
                    out.withUnsafeMutableBufferPointer { o in Hex.decodePairs(t.baseAddress!, count: 4, into: o.baseAddress!) }
                }
                // One digit at a time (not Hex.decode, which would read "0x" as a prefix).
                let nibbles = text.map(Hex.nibble)
                let expected: [UInt8]? = nibbles.contains(nil) ? nil
                    : (0..<4).map { (nibbles[2 * $0] ?? 0) << 4 | (nibbles[2 * $0 + 1] ?? 0) }
                #expect(ok == (expected != nil), "byte \(c) at \(position)")
                if let expected { #expect(out == expected) }
            }
        }
        // Lengths that leave a tail after the words.
        let long = Array("00ff10a5b6C7d8E9f1".utf8)
        var out = [UInt8](repeating: 0, count: 9)
        let ok = long.withUnsafeBufferPointer { t in out.withUnsafeMutableBufferPointer { Hex.decodePairs(t.baseAddress!, count: 9, into: $0.baseAddress!) } }
        #expect(ok && out == [0x00, 0xff, 0x10, 0xa5, 0xb6, 0xc7, 0xd8, 0xe9, 0xf1])
    }

    @Test func hexDigitsEncodeFourBytesAtATimeExactlyAsOneByOne() {
        // Every byte value at every position of a four-byte word, and every tail length after it.
        let digits = Array("0123456789abcdef".utf8)
        func expected(_ bytes: [UInt8]) -> String { String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self) }
        for length in 0...9 {
            for position in 0..<max(1, length) {
                for c in 0...255 {
                    var bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0x9c &+ 37 &* $0) }
                    if length > 0 { bytes[position] = UInt8(c) }
                    #expect(Hex.encode(bytes) == expected(bytes), "byte \(c) at \(position) of \(length)")
                }
            }
        }
        // Written in place, nothing beyond the digits is touched.
        var out = [UInt8](repeating: UInt8(ascii: "*"), count: 12)
        [UInt8]([0x01, 0xab, 0xff, 0x10, 0x7e]).withUnsafeBytes { src in out.withUnsafeMutableBytes { Hex.write(src, to: $0.baseAddress!) } }
        #expect(String(decoding: out, as: UTF8.self) == "01abff107e**")
    }

    @Test func everySchemaNameHasItsKeyAndOnlyThoseMatch() {
        for type in TransactionType.allCases {
            for f in TransactionField.schema(for: type) + TransactionField.authorization {
                #expect(f.key?.name == f.rpcKeys[0], "\(type) \(f.name)")
                #expect(f.alternate?.name == f.rpcKeys.dropFirst().first, "\(type) \(f.name)")
            }
        }
        for key in RPCKey.allCases {
            var name = key.name
            #expect(name.withUTF8 { RPCKey.of($0) } == key)
            var near = key.name + "x"
            #expect(near.withUTF8 { RPCKey.of($0) } == nil)
        }
        var other = "blockHash"
        #expect(other.withUTF8 { RPCKey.of($0) } == nil)
    }

    @Test func encodingAppendsAfterWhatTheBufferHoldsForEveryType() throws {
        // Every transaction of the mainnet sample (all five types, access lists and authorizations
        // with entries, long list headers) rendered as a node would send it and encoded back.
        let expected = try String(contentsOfFile: VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.expected.hex", encoding: .utf8)
            .split(separator: "\n").compactMap { Hex.decode(String($0)) }
        #expect(expected.count == 14)
        let buffer = ByteBuffer(capacity: 64)
        for (i, raw) in expected.enumerated() {
            let json = try RPCTransactionRenderer.render(raw, at: .init(blockHash: [UInt8](repeating: 1, count: 32), blockNumber: 7, index: i))
            let tape = try JSONTape(parsing: Array(json.utf8))
            buffer.removeAll()
            buffer.append([0xaa, 0xbb, 0xcc])
            let (type, range) = try tape.withRoot { try RPCTransactionEncoder.encode($0, into: buffer) }
            #expect(range.lowerBound == 3)
            #expect(Array(buffer.bytes[range]) == raw, "transaction \(i), \(type)")
            #expect(Array(buffer.bytes[0..<3]) == [0xaa, 0xbb, 0xcc])
        }
    }
}
