import SplitRandom
import Testing
import SplitJSON

@Suite("Parsing valid documents")
struct JSONParsingTests {
    @Test("top-level scalars")
    func scalars() throws {
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse("false") == .bool(false))
        #expect(try JSONValue.parse("42") == .number(42))
        #expect(try JSONValue.parse("\"hi\"") == .string("hi"))
    }

    @Test("whitespace around and between tokens")
    func whitespace() throws {
        let value = try JSONValue.parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] , \"b\"\r\n: { } }\n\n")
        #expect(value == ["a": [1, 2], "b": .object(JSONObject())])
    }

    @Test("a nested document keeps member order")
    func nestedDocument() throws {
        let text = """
            {
              "model": "resnet50",
              "input_shape": [1, 3, 224, 224],
              "layers": [
                {"name": "conv1", "flops": 118013952, "output_bytes": 3211264, "fusable": true},
                {"name": "fc", "flops": 4097000, "output_bytes": 4000, "fusable": false, "note": null}
              ],
              "empty_array": [],
              "empty_object": {}
            }
            """
        let value = try JSONValue.parse(text)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["model", "input_shape", "layers", "empty_array", "empty_object"])
        #expect(object["model"]?.stringValue == "resnet50")
        #expect(object["input_shape"]?.arrayValue?.compactMap(\.intValue) == [1, 3, 224, 224])
        let layers = try #require(object["layers"]?.arrayValue)
        #expect(layers.count == 2)
        #expect(layers[0].objectValue?["flops"]?.intValue == 118_013_952)
        #expect(layers[1].objectValue?["fusable"]?.boolValue == false)
        #expect(layers[1].objectValue?["note"]?.isNull == true)
        #expect(layers[1].objectValue?.keys == ["name", "flops", "output_bytes", "fusable", "note"])
        #expect(object["empty_array"] == .array([]))
        #expect(object["empty_object"] == .object(JSONObject()))
    }

    @Test("numbers follow the JSON grammar and convert exactly", arguments: [
        ("0", 0.0),
        ("-0", -0.0),
        ("7", 7),
        ("-150528", -150_528),
        ("12.5", 12.5),
        ("0.1", 0.1),
        ("-1.5e3", -1500),
        ("1E+2", 100),
        ("1e-2", 0.01),
        ("2.5E-3", 0.0025),
        ("0e999", 0),
        ("123456789012345678901234567890", 123_456_789_012_345_678_901_234_567_890.0),
        ("3.14159265358979323846264338327950288", Double.pi),
        ("9007199254740993", 9_007_199_254_740_992),
        ("1e300", 1e300),
        ("1.7976931348623157e308", Double.greatestFiniteMagnitude),
        ("2.2250738585072014e-308", Double.leastNormalMagnitude),
        ("5e-324", Double.leastNonzeroMagnitude),
        ("1e-400", 0),
        ("0.000000000000000000000000000001", 1e-30),
        ("1234567.125", 1_234_567.125),
    ] as [(String, Double)])
    func numbers(text: String, expected: Double) throws {
        let value = try #require(try JSONValue.parse(text).doubleValue)
        #expect(value == expected)
        #expect(value.sign == expected.sign)
    }

    @Test("fast and slow number paths agree on many decimals")
    func numberPathsAgree() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let digits = Int.random(in: 1...20, using: &generator)
            let significand = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let trimmed = significand.drop { $0 == "0" }
            let integer = trimmed.isEmpty ? "0" : String(trimmed)
            let exponent = Int.random(in: -30...30, using: &generator)
            let text = "\(integer).\(Int.random(in: 0...999, using: &generator))e\(exponent)"
            let parsed = try #require(try JSONValue.parse(text).doubleValue)
            #expect(parsed == Double(text), "\(text)")
        }
    }

    @Test("string escapes")
    func escapes() throws {
        #expect(try JSONValue.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{c}\n\r\t"))
        #expect(try JSONValue.parse(#""caf\u00e9 \u00E9""#) == .string("café é"))
        #expect(try JSONValue.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try JSONValue.parse(#""\u20AC""#) == .string("€"))
        #expect(try JSONValue.parse(#""a\nb" "#) == .string("a\nb"))
    }

    @Test("surrogate pairs become one scalar")
    func surrogatePairs() throws {
        #expect(try JSONValue.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONValue.parse(#""x\ud834\udd1ey""#) == .string("x𝄞y"))
        #expect(try JSONValue.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
    }

    @Test("raw UTF-8 in strings is kept as is")
    func rawUnicode() throws {
        let text = "[\"héllo\", \"日本語\", \"😀 and 𝄞\", \"\u{10FFFF}\"]"
        #expect(try JSONValue.parse(text) == ["héllo", "日本語", "😀 and 𝄞", "\u{10FFFF}"])
        #expect(try JSONValue.parse(bytes: Array(text.utf8)) == JSONValue.parse(text))
    }

    @Test("a repeated key keeps its first position and takes the later value")
    func duplicateKeys() throws {
        let value = try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value.objectValue?.members.map(\.key) == ["a", "b"])
        #expect(value == ["a": 3, "b": 2])
    }

    @Test("repeated keys in a big object use the same rule")
    func duplicateKeysInBigObject() throws {
        let keys = (0..<40).map { "k\($0)" }
        let members = keys.map { "\"\($0)\": 1" } + ["\"k3\": 2", "\"k39\": 3", "\"new\": 4", "\"k0\": 5"]
        let value = try JSONValue.parse("{" + members.joined(separator: ",") + "}")
        let object = try #require(value.objectValue)
        #expect(object.keys == keys + ["new"])
        #expect(object["k0"] == 5)
        #expect(object["k3"] == 2)
        #expect(object["k39"] == 3)
        #expect(object["k1"] == 1)
    }

    @Test("nesting up to 512 levels parses")
    func nestingAtLimit() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        var value = try JSONValue.parse(text)
        var depth = 0
        while let inner = value.arrayValue {
            depth += 1
            value = inner.first ?? .null
        }
        #expect(depth == 512)
    }

    @Test("a 5 MB string value parses")
    func hugeString() throws {
        let chunk = "layer é 😀 "
        let content = String(repeating: chunk, count: 5_000_000 / chunk.utf8.count + 1)
        #expect(content.utf8.count > 5_000_000)
        let value = try JSONValue.parse("{\"blob\": \"" + content + "\"}")
        #expect(value.objectValue?["blob"]?.stringValue == content)
    }

    @Test("a 5 MB string with escapes parses")
    func hugeEscapedString() throws {
        let content = String(repeating: "line\n\"q\"\t\\ ", count: 500_000)
        let value = try JSONValue.parse(JSONValue.string(content).serialized())
        #expect(value.stringValue == content)
    }

    @Test("byte collections: arrays, slices and non-contiguous collections")
    func byteCollections() throws {
        let bytes = Array("xx[1, \"two\", {\"three\": 3}]yy".utf8)
        let expected: JSONValue = [1, "two", ["three": 3]]
        #expect(try JSONValue.parse(bytes: bytes[2..<(bytes.count - 2)]) == expected)
        #expect(try JSONValue.parse(bytes: bytes.dropFirst(2).dropLast(2).lazy.map { $0 }) == expected)
    }

    @Test("JSON Lines: one small object per line")
    func jsonLines() throws {
        let lines = (0..<1_000).map { index in
            #"{"t":\#(Double(index) * 0.25),"event":"layer_end","layer":\#(index % 152),"ok":true}"#
        }
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONValue.parse(line).objectValue)
            #expect(object["layer"]?.intValue == index % 152)
            #expect(object["t"]?.doubleValue == Double(index) * 0.25)
        }
    }
}
