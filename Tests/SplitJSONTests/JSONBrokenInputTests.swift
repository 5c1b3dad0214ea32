import SplitRandom
import Testing
import SplitJSON

/// One malformed input and the error it must produce.
struct BrokenInput: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let message: String
    let line: Int
    let column: Int

    init(_ name: String, _ text: String, _ message: String, line: Int = 1, column: Int) {
        self.init(name, bytes: Array(text.utf8), message, line: line, column: column)
    }

    init(_ name: String, bytes: [UInt8], _ message: String, line: Int = 1, column: Int) {
        self.name = name
        self.bytes = bytes
        self.message = message
        self.line = line
        self.column = column
    }

    var testDescription: String { name }
}

@Suite("Broken input")
struct JSONBrokenInputTests {
    static let structure: [BrokenInput] = [
        BrokenInput("empty input", "", "empty input", column: 1),
        BrokenInput("only whitespace", " \n\t ", "empty input", line: 2, column: 3),
        BrokenInput("truncated object", #"{"a": 1"#, "unterminated object", column: 8),
        BrokenInput("truncated object after key", #"{"a""#, "unterminated object", column: 5),
        BrokenInput("open brace only", "{", "unterminated object", column: 2),
        BrokenInput("truncated object before value", "{\"a\": 1,\n \"b\": ", "unexpected end of input", line: 2, column: 7),
        BrokenInput("truncated array", "[1", "unterminated array", column: 3),
        BrokenInput("truncated array after comma", "[1,", "unexpected end of input", column: 4),
        BrokenInput("open bracket only", "[", "unexpected end of input", column: 2),
        BrokenInput("trailing comma in array", "[1, 2,]", "trailing comma in array", column: 6),
        BrokenInput("trailing comma in object", #"{"a": 1,}"#, "trailing comma in object", column: 8),
        BrokenInput("trailing comma on its own line", "{\n  \"a\": 1,\n}", "trailing comma in object", line: 2, column: 9),
        BrokenInput("double comma", "[1,,2]", "unexpected ','", column: 4),
        BrokenInput("missing colon", #"{"a" 1}"#, "expected ':' after object key", column: 6),
        BrokenInput(
            "missing colon on line 3",
            "{\n  \"model\": \"resnet50\",\n  \"layers\" 152\n}",
            "expected ':' after object key", line: 3, column: 12
        ),
        BrokenInput("missing comma in object", #"{"a":1 "b":2}"#, "expected ',' or '}' in object", column: 8),
        BrokenInput("missing comma in array", "[1 2]", "expected ',' or ']' in array", column: 4),
        BrokenInput("unquoted key", "{a: 1}", "expected string key in object", column: 2),
        BrokenInput("number key", "{1: 2}", "expected string key in object", column: 2),
        BrokenInput("mismatched bracket", "[1}", "expected ',' or ']' in array", column: 3),
        BrokenInput("trailing garbage word", #"{"a":1} x"#, "unexpected 'x' after the JSON value", column: 9),
        BrokenInput("second value", "1 2", "unexpected '2' after the JSON value", column: 3),
        BrokenInput("extra close bracket", "[1]]", "unexpected ']' after the JSON value", column: 4),
        BrokenInput("two objects on two lines", "{}\n{}", "unexpected '{' after the JSON value", line: 2, column: 1),
        BrokenInput("CRLF lines count by line feed", "[\r\n1,\r\n?]", "unexpected '?'", line: 3, column: 1),
    ]

    static let literals: [BrokenInput] = [
        BrokenInput("bare word", "hello", "invalid literal 'hello'", column: 1),
        BrokenInput("NaN", "NaN", "invalid literal 'NaN'", column: 1),
        BrokenInput("Infinity", "[Infinity]", "invalid literal 'Infinity'", column: 2),
        BrokenInput("negative Infinity", "-Infinity", "expected digit after '-'", column: 2),
        BrokenInput("truncated true", "[tru]", "invalid literal 'tru'", column: 2),
        BrokenInput("truncated null at end", "nul", "invalid literal 'nul'", column: 1),
        BrokenInput("capitalised True", "True", "invalid literal 'True'", column: 1),
        BrokenInput("literal run-on", "[trueish]", "invalid literal 'trueish'", column: 2),
        BrokenInput("Python None", #"{"a": None}"#, "invalid literal 'None'", column: 7),
        BrokenInput("single quotes", "['a']", "unexpected '''", column: 2),
    ]

    static let numbers: [BrokenInput] = [
        BrokenInput("leading zero", "01", "leading zeros are not allowed in numbers", column: 1),
        BrokenInput("negative leading zero", "[-012]", "leading zeros are not allowed in numbers", column: 2),
        BrokenInput("plus sign", "+1", "unexpected '+'", column: 1),
        BrokenInput("leading point", ".5", "unexpected '.'", column: 1),
        BrokenInput("trailing point", "1.", "expected digit after decimal point", column: 3),
        BrokenInput("point before exponent", "1.e5", "expected digit after decimal point", column: 3),
        BrokenInput("empty exponent", "1e", "expected digit in exponent", column: 3),
        BrokenInput("signed empty exponent", "[1e+]", "expected digit in exponent", column: 5),
        BrokenInput("lone minus", "-", "expected digit after '-'", column: 2),
        BrokenInput("minus then space", "- 1", "expected digit after '-'", column: 2),
        BrokenInput("hex number", "0x1F", "unexpected 'x' after the JSON value", column: 2),
        BrokenInput("overflowing number", "[1e400]", "number out of range", column: 2),
        BrokenInput("overflowing negative number", "-1.8e308", "number out of range", column: 1),
    ]

    static let strings: [BrokenInput] = [
        BrokenInput("truncated string", #""abc"#, "unterminated string", column: 5),
        BrokenInput("truncated string after escape", #""abc\"#, "unterminated string", column: 6),
        BrokenInput("truncated escaped string", #"["a\n"#, "unterminated string", column: 6),
        BrokenInput("bad escape", #"["ok", "bad\q"]"#, "invalid escape '\\q' in string", column: 12),
        BrokenInput("escaped single quote", #""it\'s""#, "invalid escape '\\'' in string", column: 4),
        BrokenInput("short unicode escape", #""\u12""#, "invalid \\u escape: expected four hex digits", column: 2),
        BrokenInput("bad hex digit", #""\u12G4""#, "invalid \\u escape: expected four hex digits", column: 2),
        BrokenInput("lone high surrogate", #""\uD800""#, "unpaired high surrogate \\uD800 in string", column: 2),
        BrokenInput("high surrogate then letter", #""\uD83Dx""#, "unpaired high surrogate \\uD83D in string", column: 2),
        BrokenInput("high surrogate then non-surrogate", #""\uD83D\u0041""#, "unpaired high surrogate \\uD83D in string", column: 2),
        BrokenInput("two high surrogates", #""\uD83D\uD83D""#, "unpaired high surrogate \\uD83D in string", column: 2),
        BrokenInput("lone low surrogate", #""x\uDC00""#, "unpaired low surrogate \\uDC00 in string", column: 3),
        BrokenInput("reversed pair", #""\uDE00\uD83D""#, "unpaired low surrogate \\uDE00 in string", column: 2),
        BrokenInput("tab in string", "\"a\tb\"", "unescaped control character U+0009 in string", column: 3),
        BrokenInput(
            "raw newline in string", "{\"a\": \"line1\nline2\"}",
            "unescaped control character U+000A in string", column: 13
        ),
        BrokenInput("NUL in string", bytes: [0x22, 0x61, 0x00, 0x22], "unescaped control character U+0000 in string", column: 3),
        BrokenInput(
            "control char after escape", "\"\\n\u{1}\"",
            "unescaped control character U+0001 in string", column: 4
        ),
    ]

    static let bytes: [BrokenInput] = [
        BrokenInput("random binary", bytes: [0xFF, 0xFE, 0x00, 0x01, 0x80], "unexpected byte 0xFF", column: 1),
        BrokenInput("byte order mark", bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "unexpected byte 0xEF", column: 1),
        BrokenInput("NUL outside string", bytes: [0x5B, 0x00, 0x5D], "unexpected byte 0x00", column: 2),
        BrokenInput("NUL after value", bytes: [0x31, 0x00], "unexpected byte 0x00 after the JSON value", column: 2),
        BrokenInput("bad UTF-8 pair", bytes: [0x22, 0x61, 0xC3, 0x28, 0x22], "invalid UTF-8 byte 0xC3 in string", column: 3),
        BrokenInput("lone continuation byte", bytes: [0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80 in string", column: 2),
        BrokenInput("overlong slash", bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0 in string", column: 2),
        BrokenInput("overlong three-byte", bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], "invalid UTF-8 byte 0xE0 in string", column: 2),
        BrokenInput("encoded surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 byte 0xED in string", column: 2),
        BrokenInput("above U+10FFFF", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0xF4 in string", column: 2),
        BrokenInput("invalid lead byte", bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0xF5 in string", column: 2),
        BrokenInput("truncated sequence at end", bytes: [0x22, 0xE2, 0x82], "invalid UTF-8 byte 0xE2 in string", column: 2),
        BrokenInput("truncated sequence before quote", bytes: [0x22, 0xE2, 0x82, 0x22], "invalid UTF-8 byte 0xE2 in string", column: 2),
        BrokenInput(
            "bad UTF-8 after an escape", bytes: [0x22, 0x5C, 0x6E, 0xFF, 0x22],
            "invalid UTF-8 byte 0xFF in string", column: 4
        ),
        BrokenInput(
            "bad UTF-8 in a key on line 2", bytes: Array("{\n \"".utf8) + [0xFE] + Array("\": 1}".utf8),
            "invalid UTF-8 byte 0xFE in string", line: 2, column: 3
        ),
    ]

    @Test("structure errors", arguments: structure)
    func structureErrors(_ input: BrokenInput) {
        check(input)
    }

    @Test("literal errors", arguments: literals)
    func literalErrors(_ input: BrokenInput) {
        check(input)
    }

    @Test("number errors", arguments: numbers)
    func numberErrors(_ input: BrokenInput) {
        check(input)
    }

    @Test("string errors", arguments: strings)
    func stringErrors(_ input: BrokenInput) {
        check(input)
    }

    @Test("byte and UTF-8 errors", arguments: bytes)
    func byteErrors(_ input: BrokenInput) {
        check(input)
    }

    private func check(_ input: BrokenInput, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = parseError(bytes: input.bytes) else {
            Issue.record("\(input.name) parsed but should fail", sourceLocation: sourceLocation)
            return
        }
        #expect(error.message == input.message, sourceLocation: sourceLocation)
        #expect(error.line == input.line, sourceLocation: sourceLocation)
        #expect(error.column == input.column, sourceLocation: sourceLocation)
        // The String entry point agrees whenever the bytes are valid UTF-8.
        if let text = String(validating: input.bytes, as: UTF8.self) {
            #expect(parseError(text) == error, sourceLocation: sourceLocation)
        }
    }

    @Test("the description names line and column")
    func description() throws {
        let error = try #require(parseError("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        #expect(error.description == "line 3, column 7: expected ':' after object key")
        #expect(error.offset == 18)
    }

    @Test("10,000-deep arrays throw instead of overflowing the stack")
    func deepArrays() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(parseError(text))
        #expect(error.message == "nesting deeper than 512 levels")
        #expect(error.column == 513)
    }

    @Test("10,000-deep objects throw instead of overflowing the stack")
    func deepObjects() throws {
        let text = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let error = try #require(parseError(text))
        #expect(error.message == "nesting deeper than 512 levels")
        #expect(error.offset == 512 * 5)
    }

    @Test("one level past the limit throws")
    func justPastTheLimit() throws {
        let text = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(parseError(text)?.message == "nesting deeper than 512 levels")
    }

    @Test("random bytes never crash and errors point inside the input")
    func randomBytes() {
        var generator = SplitMix64(seed: 0xBAD_F00D)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let error = parseError(bytes: bytes) {
                #expect(error.line >= 1)
                #expect(error.column >= 1)
                #expect(error.offset <= bytes.count)
            }
        }
    }

    @Test("mutated valid documents never crash")
    func mutatedDocuments() throws {
        let document = Array(
            #"{"model": "résnet", "layers": [{"n": "c1", "f": 1.5e9, "ok": true}, null, "😀\n\u00e9"], "x": -0.25}"#.utf8
        )
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            var bytes = document
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
            }
            if let error = parseError(bytes: bytes) {
                #expect(error.offset <= bytes.count)
                #expect(!error.message.isEmpty)
            }
            let truncated = Array(document.prefix(Int.random(in: 0..<document.count, using: &generator)))
            #expect(parseError(bytes: truncated) != nil)
        }
    }
}
