extension JSONParser {
    /// Parses a number; `index` is at its `-` or first digit.
    ///
    /// Follows the JSON grammar exactly (no `+`, no leading zeros, digits on both sides of
    /// the point). Common numbers are converted exactly with Clinger's fast path: a
    /// significand below 2^53 scaled by a power of ten up to 10^22 needs only one correctly
    /// rounded operation. Everything else goes to the standard library's correctly rounded
    /// conversion. Numbers too large for a `Double` are an error rather than infinity.
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        var position = index
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative {
            position += 1
        }

        var significand: UInt64 = 0
        var significandOverflowed = false
        var decimalExponent = 0

        // Integer part.
        guard position < bytes.count, Self.isDigit(bytes[position]) else {
            throw failure("expected digit after '-'", at: position)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, Self.isDigit(bytes[position]) {
                throw failure("leading zeros are not allowed in numbers", at: start)
            }
        } else {
            while position < bytes.count, Self.isDigit(bytes[position]) {
                Self.accumulate(bytes[position], into: &significand, overflowed: &significandOverflowed, exponent: &decimalExponent, isFraction: false)
                position += 1
            }
        }

        // Fraction.
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw failure("expected digit after decimal point", at: position)
            }
            while position < bytes.count, Self.isDigit(bytes[position]) {
                Self.accumulate(bytes[position], into: &significand, overflowed: &significandOverflowed, exponent: &decimalExponent, isFraction: true)
                position += 1
            }
        }

        // Exponent.
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw failure("expected digit in exponent", at: position)
            }
            var exponent = 0
            while position < bytes.count, Self.isDigit(bytes[position]) {
                if exponent < 1_000_000 {
                    exponent = exponent * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                }
                position += 1
            }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        index = position

        if !significandOverflowed, significand <= 1 << 53, (-22...22).contains(decimalExponent) {
            var value = Double(significand)
            if decimalExponent > 0 {
                value *= Self.powersOfTen[decimalExponent]
            } else if decimalExponent < 0 {
                value /= Self.powersOfTen[-decimalExponent]
            }
            return negative ? -value : value
        }

        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw failure("number out of range", at: start)
        }
        return value
    }

    /// Adds one decimal digit to the significand, or to the exponent once it is full.
    @inline(__always)
    private static func accumulate(
        _ digit: UInt8,
        into significand: inout UInt64,
        overflowed: inout Bool,
        exponent: inout Int,
        isFraction: Bool
    ) {
        if significand < 1_000_000_000_000_000_000 {
            significand = significand * 10 + UInt64(digit - UInt8(ascii: "0"))
            if isFraction {
                exponent -= 1
            }
        } else {
            // Digits past the 19th only matter to the slow path.
            overflowed = true
            if !isFraction {
                exponent += 1
            }
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// 10^0 through 10^22, each exactly representable.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
