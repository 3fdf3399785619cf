@testable import DACost
import Foundation
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryKindAndKeepsNumbersAsWritten() throws {
        let v = try JSONValue.parse(Array(#" {"a": [1, -2.5e3, 0, true, false, null], "big": 115792089237316195423570985008687907853269984665640564039457584007913129639935, "s": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#.utf8))
        let o = try #require(v.object)
        #expect(o["a"] == .array([.number("1"), .number("-2.5e3"), .number("0"), .bool(true), .bool(false), .null]))
        #expect(o["big"] == .number("115792089237316195423570985008687907853269984665640564039457584007913129639935"))
        #expect(o["s"]?.string == "x\"\\/\u{08}\u{0C}\n\r\té😀")
        #expect(o["missing"] == nil)
        #expect(o.members.map(\.key) == ["a", "big", "s"]) // document order
    }

    @Test func integersFromNumbersAndQuantities() throws {
        #expect(JSONValue.number("42").uint64 == 42)
        #expect(JSONValue.string("0x2a").uint64 == 42)
        #expect(JSONValue.string("42").uint64 == 42)
        #expect(JSONValue.string("0x").uint64 == nil)
        #expect(JSONValue.number("-1").uint64 == nil)
        #expect(JSONValue.number("1.5").uint64 == nil)
        #expect(JSONValue.string("0x10000000000000000").uint64 == nil) // 2^64
    }

    @Test(arguments: [
        ("", 0, "got the end of the text"), ("{", 1, "quoted member name"), ("[1,]", 3, "expected a JSON value"),
        ("{\"a\" 1}", 5, "expected ':'"), ("01", 2, "leading zeros"), ("1.", 2, "after the decimal point"),
        ("\"ab", 3, "unterminated string"), ("\"a\u{01}b\"", 2, "control character"), ("\"\\x\"", 3, "invalid escape"),
        ("\"\\ud83d\"", 7, "unpaired UTF-16 surrogate"), ("tru", 0, "expected 'true'"), ("[1] 2", 4, "end of the text"),
        ("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'"),
    ])
    func malformedTextSaysWhereAndWhy(text: String, offset: Int, problem: String) {
        #expect {
            _ = try JSONValue.parse(Array(text.utf8))
        } throws: { e in
            guard let p = e as? JSONParseError else { return false }
            return p.offset == offset && p.problem.contains(problem)
        }
    }

    @Test func nestingIsCappedInsteadOfExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { _ = try JSONValue.parse(Array(fine.utf8)) }
    }

    @Test func longStringsWithAndWithoutEscapesTakeTheRightPath() throws {
        let plain = String(repeating: "0123456789abcdef", count: 100)
        #expect(try JSONValue.parse(Array("\"\(plain)\"".utf8)) == .string(JSONString(plain)))
        // An escape or control byte at every position of an 8-byte word is caught by the word scan.
        for k in 0..<17 {
            let body = String(repeating: "a", count: k) + "\\n" + String(repeating: "b", count: 16 - k)
            #expect(try JSONValue.parse(Array("\"\(body)\"".utf8)).string == String(repeating: "a", count: k) + "\n" + String(repeating: "b", count: 16 - k))
            let raw = String(repeating: "a", count: k) + "\u{1F}" + String(repeating: "b", count: 16 - k)
            #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(Array("\"\(raw)\"".utf8)) }
        }
    }
}
