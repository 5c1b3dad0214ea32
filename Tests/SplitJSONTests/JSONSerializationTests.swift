import Testing
import SplitJSON

@Suite("Serialization")
struct JSONSerializationTests {
    @Test("number formatting", arguments: [
        (150_528, "150528"),
        (-42, "-42"),
        (0, "0"),
        (-0.0, "-0"),
        (12.5, "12.5"),
        (0.1, "0.1"),
        (-0.25, "-0.25"),
        (1e300, "1e+300"),
        (1e-7, "1e-07"),
        (Double.leastNonzeroMagnitude, "5e-324"),
        (0x1p53 - 1, "9007199254740991"),
        (0x1p53, "9007199254740992.0"),
        (1e16, "1e+16"),
        (1.0 / 3.0, "0.3333333333333333"),
    ] as [(Double, String)])
    func numbers(value: Double, expected: String) throws {
        let text = JSONValue.number(value).serialized()
        #expect(text == expected)
        let back = try #require(try JSONValue.parse(text).doubleValue)
        #expect(back == value)
        #expect(back.sign == value.sign)
    }

    @Test("non-finite numbers serialize as null", arguments: [Double.infinity, -Double.infinity, Double.nan])
    func nonFinite(value: Double) throws {
        #expect(JSONValue.number(value).serialized() == "null")
        #expect(JSONValue.array([.number(value), 1]).serialized() == "[null,1]")
    }

    @Test("string escapes")
    func stringEscapes() {
        let value = JSONValue.string("q\"b\\s/n\nt\tr\rb\u{8}f\u{c}c\u{1}u\u{1F}d\u{7F}")
        #expect(value.serialized() == #""q\"b\\s/n\nt\tr\rb\bf\fc\u0001u\u001Fd\#u{7F}""#)
    }

    @Test("Unicode is left as is")
    func unicodeUnescaped() {
        #expect(JSONValue.string("café 日本 😀 𝄞").serialized() == "\"café 日本 😀 𝄞\"")
    }

    @Test("escaped strings parse back")
    func escapedRoundTrip() throws {
        let scalars = (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "\u{2028}", "😀", "\u{10FFFF}"]
        let string = String(String.UnicodeScalarView(scalars))
        #expect(try JSONValue.parse(JSONValue.string(string).serialized()) == .string(string))
    }

    @Test("compact output keeps member order and has no spaces")
    func compact() {
        let value: JSONValue = [
            "z": 1, "a": [true, false, nil], "m": ["nested": "x", "empty": [:]], "e": [],
        ]
        #expect(value.serialized() == #"{"z":1,"a":[true,false,null],"m":{"nested":"x","empty":{}},"e":[]}"#)
    }

    @Test("pretty output indents by two spaces")
    func pretty() {
        let value: JSONValue = [
            "model": "resnet50",
            "input_shape": [1, 3, 224, 224],
            "layers": [
                ["name": "conv1", "flops": 118_013_952],
                ["name": "fc", "tags": []],
            ],
            "meta": [:],
        ]
        let expected = """
            {
              "model": "resnet50",
              "input_shape": [1, 3, 224, 224],
              "layers": [
                {
                  "name": "conv1",
                  "flops": 118013952
                },
                {
                  "name": "fc",
                  "tags": []
                }
              ],
              "meta": {}
            }
            """
        #expect(value.prettySerialized() == expected)
    }

    @Test("long scalar arrays break over lines in pretty output")
    func prettyLongArray() {
        let value = JSONValue.array((0..<30).map { .number(Double($0 * 1000)) })
        let lines = value.prettySerialized().split(separator: "\n")
        #expect(lines.count == 32)
        #expect(lines.first == "[")
        #expect(lines[1] == "  0,")
        #expect(lines.last == "]")
    }

    @Test("pretty scalars and empty containers")
    func prettyScalars() {
        #expect(JSONValue.null.prettySerialized() == "null")
        #expect(JSONValue.string("a\"b").prettySerialized() == #""a\"b""#)
        #expect(JSONValue.array([]).prettySerialized() == "[]")
        #expect(JSONValue.object(JSONObject()).prettySerialized() == "{}")
        #expect(JSONValue.array([[1, 2], "x"]).prettySerialized() == "[\n  [1, 2],\n  \"x\"\n]")
    }

    @Test("pretty output parses back to the same value")
    func prettyRoundTrip() throws {
        let value: JSONValue = ["a": [1, [2, ["b": nil]], "three"], "c": ["d": [:], "e": []], "f": -0.5]
        #expect(try JSONValue.parse(value.prettySerialized()) == value)
    }
}
