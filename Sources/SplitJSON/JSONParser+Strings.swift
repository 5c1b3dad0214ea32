extension JSONParser {
    /// Parses a string; `index` is at its opening quote.
    ///
    /// Strings without escapes are made straight from the input bytes once validated;
    /// strings with escapes are assembled in `scratch`.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {  // `"`
                index = position + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            if byte == 0x5C {  // `\`
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                return try parseEscapedString(from: position)
            }
            if byte < 0x20 {
                throw controlCharacterFailure(at: position)
            }
            position += byte < 0x80 ? 1 : try utf8SequenceLength(at: position)
        }
        throw failure("unterminated string", at: bytes.count)
    }

    /// Finishes a string from its first backslash, appending to `scratch`.
    private mutating func parseEscapedString(from escape: Int) throws(JSONParseError) -> String {
        var position = escape
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                index = position + 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position + 1 < bytes.count else {
                    throw failure("unterminated string", at: bytes.count)
                }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, length) = try parseUnicodeEscape(at: position)
                    appendUTF8(scalar)
                    position += length
                    continue
                default:
                    throw failure("invalid escape '\\\(describeEscaped(at: position + 1))' in string", at: position)
                }
                position += 2
            case 0..<0x20:
                throw controlCharacterFailure(at: position)
            case 0x20..<0x80:
                // Copy the whole run of plain ASCII up to the next quote, backslash or other byte at once.
                var end = position + 1
                while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x80,
                      bytes[end] != 0x22, bytes[end] != 0x5C {  // `"`, `\`
                    end += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                position = end
            default:
                let length = try utf8SequenceLength(at: position)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
                position += length
            }
        }
        throw failure("unterminated string", at: bytes.count)
    }

    /// Reads `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at `escape`.
    ///
    /// - Returns: the scalar value and how many bytes the escape took (6 or 12).
    private func parseUnicodeEscape(at escape: Int) throws(JSONParseError) -> (UInt32, Int) {
        guard let first = hexQuad(at: escape + 2) else {
            throw failure("invalid \\u escape: expected four hex digits", at: escape)
        }
        switch first {
        case 0xD800...0xDBFF:
            let next = escape + 6
            guard next + 1 < bytes.count,
                bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                let second = hexQuad(at: next + 2), (0xDC00...0xDFFF).contains(second)
            else {
                throw failure("unpaired high surrogate \\u\(Self.hex(UInt8(first >> 8)))\(Self.hex(UInt8(first & 0xFF))) in string", at: escape)
            }
            let scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return (scalar, 12)
        case 0xDC00...0xDFFF:
            throw failure("unpaired low surrogate \\u\(Self.hex(UInt8(first >> 8)))\(Self.hex(UInt8(first & 0xFF))) in string", at: escape)
        default:
            return (first, 6)
        }
    }

    /// The value of four hex digits at `offset`, or `nil` if they are not there.
    private func hexQuad(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for position in offset..<offset + 4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends the UTF-8 encoding of a scalar value known to be valid.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence of two to four bytes at `offset`.
    ///
    /// Rejects overlong forms, encoded surrogates, scalars above U+10FFFF and truncated
    /// sequences, following the table in the Unicode Standard, section 3.9.
    private func utf8SequenceLength(at offset: Int) throws(JSONParseError) -> Int {
        let lead = bytes[offset]
        var length = 0
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw invalidUTF8Failure(at: offset)
        }
        guard offset + length <= bytes.count, secondRange.contains(bytes[offset + 1]) else {
            throw invalidUTF8Failure(at: offset)
        }
        for position in offset + 2..<offset + length where bytes[position] & 0xC0 != 0x80 {
            throw invalidUTF8Failure(at: offset)
        }
        return length
    }

    private func invalidUTF8Failure(at offset: Int) -> JSONParseError {
        failure("invalid UTF-8 byte 0x\(Self.hex(bytes[offset])) in string", at: offset)
    }

    private func controlCharacterFailure(at offset: Int) -> JSONParseError {
        failure("unescaped control character U+00\(Self.hex(bytes[offset])) in string", at: offset)
    }

    /// The character after a backslash, for a message.
    private func describeEscaped(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte > 0x20, byte < 0x7F {
            return String(Character(Unicode.Scalar(byte)))
        }
        return "x\(Self.hex(byte))"
    }
}
