/// A strict RFC 8259 parser that works on UTF-8 bytes.
///
/// The parser reads straight from a borrowed buffer and builds strings from validated byte
/// ranges, so it never iterates `Character`s. Nesting deeper than ``maximumDepth`` is an
/// error rather than a stack overflow. Positions are computed only when an error is thrown.
///
/// String scanning lives in `JSONParser+Strings.swift`, numbers in `JSONParser+Numbers.swift`.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 512

    /// The whole input.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var index = 0
    /// How many arrays and objects enclose the current position.
    var depth = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    /// Creates a parser over `bytes`, which must outlive it.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses exactly one value surrounded by optional whitespace.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw failure("empty input", at: index)
        }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw failure("unexpected \(describeByte(at: index)) after the JSON value", at: index)
        }
        return value
    }

    /// Parses the value starting at the next non-whitespace byte.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw failure("unexpected end of input", at: index)
        }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return .object(try parseObject())
        case UInt8(ascii: "["):
            return .array(try parseArray())
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case let byte where Self.isWordByte(byte):
            throw failure("invalid literal '\(word(at: index))'", at: index)
        default:
            throw failure("unexpected \(describeByte(at: index))", at: index)
        }
    }

    /// Parses an array; `index` is at its `[`.
    mutating func parseArray() throws(JSONParseError) -> [JSONValue] {
        try enterContainer()
        index += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else {
                throw failure("unterminated array", at: index)
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                let comma = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    throw failure("trailing comma in array", at: comma)
                }
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return elements
            default:
                throw failure("expected ',' or ']' in array", at: index)
            }
        }
    }

    /// Parses an object; `index` is at its `{`.
    ///
    /// A repeated key keeps the position of its first occurrence and takes the later value.
    mutating func parseObject() throws(JSONParseError) -> JSONObject {
        try enterContainer()
        index += 1
        skipWhitespace()
        var members: [(key: String, value: JSONValue)] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONObject(labeledMembers: members)
        }
        // Positions by key, built only once an object is too big for a linear scan.
        var positions: [String: Int]? = nil
        while true {
            guard index < bytes.count else {
                throw failure("unterminated object", at: index)
            }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected string key in object", at: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else {
                throw failure("unterminated object", at: index)
            }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw failure("expected ':' after object key", at: index)
            }
            index += 1
            let value = try parseValue()
            Self.insert(key: key, value: value, into: &members, positions: &positions)

            skipWhitespace()
            guard index < bytes.count else {
                throw failure("unterminated object", at: index)
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                let comma = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw failure("trailing comma in object", at: comma)
                }
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return JSONObject(labeledMembers: members)
            default:
                throw failure("expected ',' or '}' in object", at: index)
            }
        }
    }

    /// Adds a member, or replaces the value of an earlier member with the same key.
    private static func insert(
        key: String,
        value: JSONValue,
        into members: inout [(key: String, value: JSONValue)],
        positions: inout [String: Int]?
    ) {
        let linearScanLimit = 16
        if positions != nil {
            if let existing = positions?[key] {
                members[existing].value = value
            } else {
                positions?[key] = members.count
                members.append((key: key, value: value))
            }
            return
        }
        for position in members.indices where members[position].key == key {
            members[position].value = value
            return
        }
        members.append((key: key, value: value))
        if members.count > linearScanLimit {
            var built: [String: Int] = [:]
            built.reserveCapacity(members.count * 2)
            for (position, member) in members.enumerated() {
                built[member.key] = position
            }
            positions = built
        }
    }

    /// Counts one more level of nesting, failing beyond ``maximumDepth``.
    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw failure("nesting deeper than \(Self.maximumDepth) levels", at: index)
        }
    }

    /// Consumes `literal` or fails naming the word actually found.
    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            guard start + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[start + offset] != expected[offset] {
                return false
            }
            // "trueish" is one bad word, not `true` followed by garbage.
            return start + count == bytes.count || !Self.isWordByte(bytes[start + count])
        }
        guard matches else {
            throw failure("invalid literal '\(word(at: start))'", at: start)
        }
        index += count
    }

    /// Skips JSON whitespace: space, tab, line feed and carriage return.
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                index += 1
            default:
                return
            }
        }
    }

    // MARK: Errors

    /// An error at `offset`, with its line and column worked out from the input.
    func failure(_ message: String, at offset: Int) -> JSONParseError {
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(message: message, line: line, column: offset - lineStart + 1, offset: offset)
    }

    /// The byte at `offset` as it should appear in a message: `'x'`, `byte 0xFF` or `end of input`.
    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte > 0x20, byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(Self.hex(byte))"
    }

    /// The run of letters and digits starting at `offset`, cut short for messages.
    private func word(at offset: Int) -> String {
        var end = offset
        while end < bytes.count, end - offset < 32, Self.isWordByte(bytes[end]) {
            end += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    /// Whether `byte` is an ASCII letter, digit or underscore.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// Two uppercase hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
