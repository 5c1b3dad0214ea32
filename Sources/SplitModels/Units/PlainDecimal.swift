/// A number written in plain decimal notation, the only notation splitscope reads where a number
/// enters from a user: flags, prompts and scripted operator actions.
///
/// Swift's `Double(_:)` also reads hex (`0x10` is 16, `0x1p4` too), `nan`, `inf` and `infinity`;
/// these are refused here. Accepted: digits with an optional sign, an optional fraction and an
/// optional exponent — `16`, `-2`, `0.25`, `.5`, `5.`, `1e9`, `2.5E-3`. A decimal beyond `Double`'s
/// range (`1e999`) reads as infinite, for the caller's ``Quantity`` to refuse with its range.
///
/// ```swift
/// PlainDecimal.parse("0.25")   // 0.25
/// PlainDecimal.parse("0x10")   // nil
/// ```
public enum PlainDecimal {
    /// The number `text` writes, or nil when it is not plain decimal notation (or has spaces).
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        var bytes = Array(text.utf8)[...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isSign(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") }
        func digits() -> Int {
            let count = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if isSign(bytes.first) { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return nil }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if isSign(bytes.first) { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty else { return nil }
        return Double(String(text))
    }

    /// Whether `text` is one or more ASCII decimal digits and nothing else (no sign, point,
    /// exponent or space): how a whole number is written where only one makes sense.
    public static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
