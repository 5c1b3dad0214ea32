/// Writes JSON text into a UTF-8 buffer, compact or indented.
struct JSONWriter {
    /// Scalar-only arrays at most this many bytes wide stay on one line in pretty output.
    static let inlineArrayWidth = 80

    /// Whether to indent.
    let pretty: Bool
    /// The output so far.
    private(set) var bytes: [UInt8] = []
    /// The current indent level in pretty output.
    private var level = 0

    init(pretty: Bool) {
        self.pretty = pretty
    }

    /// The output as a string.
    var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value`.
    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            append("null")
        case .bool(let bool):
            append(bool ? "true" : "false")
        case .number(let number):
            writeNumber(number)
        case .string(let string):
            writeString(string)
        case .array(let elements):
            writeArray(elements)
        case .object(let object):
            writeObject(object)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue]) {
        guard !elements.isEmpty else {
            append("[]")
            return
        }
        if pretty, let inline = Self.inlineArray(elements) {
            bytes.append(contentsOf: inline)
            return
        }
        bytes.append(UInt8(ascii: "["))
        level += 1
        for (position, element) in elements.enumerated() {
            if position > 0 {
                bytes.append(UInt8(ascii: ","))
            }
            newline()
            write(element)
        }
        level -= 1
        newline()
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject) {
        guard !object.isEmpty else {
            append("{}")
            return
        }
        bytes.append(UInt8(ascii: "{"))
        level += 1
        for (position, member) in object.members.enumerated() {
            if position > 0 {
                bytes.append(UInt8(ascii: ","))
            }
            newline()
            writeString(member.key)
            append(pretty ? ": " : ":")
            write(member.value)
        }
        level -= 1
        newline()
        bytes.append(UInt8(ascii: "}"))
    }

    /// The one-line form `[1, 2, 3]` of a scalar-only array, or `nil` if it does not fit.
    private static func inlineArray(_ elements: [JSONValue]) -> [UInt8]? {
        var line = JSONWriter(pretty: false)
        line.bytes.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            switch element {
            case .array, .object:
                return nil
            case .null, .bool, .number, .string:
                if position > 0 {
                    line.append(", ")
                }
                line.write(element)
            }
            if line.bytes.count >= inlineArrayWidth {
                return nil
            }
        }
        line.bytes.append(UInt8(ascii: "]"))
        return line.bytes
    }

    /// In pretty output, a line break and the current indent.
    private mutating func newline() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    /// Writes a number: integral values below 2^53 without a fraction, others shortest
    /// round-trip, non-finite values as `null`.
    private mutating func writeNumber(_ number: Double) {
        guard number.isFinite else {
            append("null")
            return
        }
        if number == number.rounded(.towardZero), number.magnitude < 0x1p53 {
            if number == 0, number.sign == .minus {
                append("-0")
            } else {
                append(String(Int64(number)))
            }
            return
        }
        // Swift prints the shortest round-trip form, which is valid JSON for finite values
        // ("12.5", "1e-07", "1e+300", "9007199254740992.0").
        append(number.description)
    }

    /// Writes a quoted string, escaping `"`, `\` and control characters.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        let handled: Void? = string.utf8.withContiguousStorageIfAvailable { writeEscaped($0) }
        if handled == nil {
            // Bridged or otherwise non-contiguous strings: copy once.
            Array(string.utf8).withUnsafeBufferPointer { writeEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends string content, copying runs that need no escaping in one go.
    private mutating func writeEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        // An index loop, not `enumerated()`: its generic iterator dominates unoptimised builds.
        for position in 0..<source.count {
            let byte = source[position]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }  // control, `"`, `\`
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<position]))
            runStart = position + 1
            // Two-byte escapes go in as bytes: escape-heavy strings spend their time here.
            let short: UInt8? = switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
            case 0x0A: UInt8(ascii: "n")
            case 0x09: UInt8(ascii: "t")
            case 0x0D: UInt8(ascii: "r")
            case 0x08: UInt8(ascii: "b")
            case 0x0C: UInt8(ascii: "f")
            default: nil
            }
            if let short {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(short)
            } else {
                append("\\u00" + JSONParser.hex(byte))
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
