import Testing
@testable import DACost

@Suite struct RLPTests {
    func decodeError(_ hex: String) -> String? {
        guard let bytes = Hex.decode(hex) else { return "bad hex" }
        do { _ = try TransactionDecoder.validate(bytes); return nil } catch { return "\(error)" }
    }

    @Test func acceptsEveryRealMainnetTransactionType() throws {
        let reader = try TraceReader(path: VectorFile.fixtures + "/traces/l1-mainnet-portal-6-blocks.hex")
        var types = [TransactionType: Int]()
        while let tx = try reader.next() { types[tx.type, default: 0] += 1 }
        #expect(types[.legacy] == 108)
        #expect(types[.accessList] == 9)
        #expect(types[.dynamicFee] == 715)
        #expect(types[.blob] == 7)
        #expect(types[.setCode] == 2)
    }

    @Test func rejectsNonCanonicalAndMalformedEncodings() {
        // A legacy tx: [nonce, gasPrice, gas, to, value, data, v, r, s].
        let good = "dd80808094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080"
        #expect(decodeError(good) == nil)
        // Single byte 0x05 wrapped in a string header (8105) instead of 05.
        #expect(decodeError("de81058080" + "94095e7baea6a6c7c4c2dfeb977efac326af552d87" + "8080808080")?.contains("single byte") == true)
        // Integer with a leading zero byte (nonce = 0x0001).
        #expect(decodeError("df82000180" + "8094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080")?.contains("leading zero") == true)
        // Long-form list header for a short list.
        #expect(decodeError("f81d80808094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080")?.contains("long form") == true)
        // A 19-byte `to`.
        #expect(decodeError("dc808080" + "93095e7baea6a6c7c4c2dfeb977efac326af552d" + "8080808080")?.contains("'to'") == true)
        // Eight fields instead of nine.
        #expect(decodeError("dc808080" + "94095e7baea6a6c7c4c2dfeb977efac326af552d87" + "8080808080".dropLast(2))?.contains("9 fields") == true)
        // Truncated: header says 29 bytes, 28 follow.
        #expect(decodeError(String(good.dropLast(2)))?.contains("truncated") == true)
        // Trailing bytes after the list.
        #expect(decodeError(good + "00")?.contains("trailing") == true)
        // Unknown type byte 0x05.
        #expect(decodeError("05" + good)?.contains("unknown transaction type 0x05") == true)
        // A typed tx whose body is a string, not a list.
        #expect(decodeError("0283010203")?.contains("got a string") == true)
        // y-parity of 2 in an EIP-1559 body.
        #expect(decodeError("02cc0180808080808080c0" + "02" + "8080")?.contains("y-parity") == true)
    }

    @Test func encodesHeadersCanonically() {
        var out = [UInt8]()
        RLP.encodeString([UInt8](repeating: 0xaa, count: 56), into: &out)
        #expect(Array(out.prefix(2)) == [0xb8, 56])
        out = []
        RLP.encodeString([0x7f], into: &out)
        #expect(out == [0x7f])
        out = []
        RLP.encodeUInt(0, into: &out)
        #expect(out == [0x80])
        out = []
        RLP.encodeUInt(1024, into: &out)
        #expect(out == [0x82, 0x04, 0x00])
    }

    @Test func listsClosedInPlaceEqualTheReferenceEncodingWhateverTheGuess() {
        // The header room is guessed from a likely length; right, too small and too large guesses
        // (and none) must all give the bytes encodeList gives.
        for length in [0, 1, 55, 56, 255, 256, 65_535, 65_536, 70_000] {
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            var reference: [UInt8] = [0xee]
            RLP.encodeList(payload, into: &reference)
            for guess in [nil, 0, 60, 300, 70_000, length] as [Int?] {
                let out = ByteBuffer(capacity: 64)
                out.append(byte: 0xee)
                RLP.appendList(into: out, likelyLength: guess) { out.append(payload) }
                #expect(out.array == reference, "length \(length), guess \(String(describing: guess))")
            }
        }
    }
}
