/// A physical quantity that enters splitscope from outside (a flag, a prompt, a file), with the
/// range of values that make sense for it.
///
/// Every number a user or a file gives is checked against its quantity where it enters, once, so
/// the planners and the cost model only ever see values they can compute with: finite, in range,
/// and far enough from the limits of `Double` and `Int` that products and sums cannot overflow.
///
/// ```swift
/// try Quantity.bandwidthMbps.check(1e-305)   // throws: "bandwidth must be from 1e-6 to 1000000 Mbit/s, got 1e-305"
/// try Quantity.memoryMB.check(512)           // 512
/// ```
public struct Quantity: Hashable, Sendable {
    /// What the value is, in the user's words ("bandwidth", "latency SLO").
    public var name: String
    /// Its unit as printed after a number ("Mbit/s", "ms"); empty for a pure number.
    public var unit: String
    /// The smallest value accepted.
    public var lowest: Double
    /// The largest value accepted.
    public var highest: Double
    /// Whether the value must be a whole number.
    public var wholeNumber: Bool

    public init(name: String, unit: String, lowest: Double, highest: Double, wholeNumber: Bool = false) {
        self.name = name
        self.unit = unit
        self.lowest = lowest
        self.highest = highest
        self.wholeNumber = wholeNumber
    }

    /// The value if it is finite, in range and (where asked) whole; otherwise an error that says which range.
    public func check(_ value: Double) throws(QuantityError) -> Double {
        guard value.isFinite, value >= lowest, value <= highest, !wholeNumber || value.rounded() == value else {
            throw QuantityError(quantity: self, value: value)
        }
        return value
    }

    /// The value saturated into range: below the range (or NaN) gives `lowest`, above it
    /// `highest`; a whole-number quantity is rounded to the nearest whole number.
    ///
    /// For code that must compute with any Double (a planner given an estimate of 0 Mbit/s)
    /// rather than reject it; input from users and files goes through ``check(_:)`` instead.
    public func clamp(_ value: Double) -> Double {
        guard !value.isNaN else { return lowest }
        let inRange = min(max(value, lowest), highest)
        return wholeNumber ? inRange.rounded() : inRange
    }

    /// Whether `check` would accept the value.
    public func accepts(_ value: Double) -> Bool {
        (try? check(value)) != nil
    }

    /// The accepted range in words: "from 1e-6 to 1000000 Mbit/s", "a whole number from 0 to 175".
    public var rangeDescription: String {
        let suffix = unit.isEmpty ? "" : " \(unit)"
        return (wholeNumber ? "a whole number " : "") + "from \(Self.format(lowest)) to \(Self.format(highest))\(suffix)"
    }

    /// The same quantity with another upper limit (a layer count bounded by the model's layers).
    public func capped(at highest: Double) -> Quantity {
        var copy = self
        copy.highest = min(self.highest, highest)
        return copy
    }

    /// A limit printed plainly: whole numbers below 10^7 as digits, other numbers from 10^-4 in
    /// their shortest form (`0.25`), powers of ten beyond as `1e9` or `1e-6`, other whole numbers
    /// as digits (`86400000`).
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e7 { return String(Int(x)) }
        if abs(x) >= 1e-4, abs(x) < 1e7 { return "\(x)" }
        for exponent in -30...30 where x == Double("1e\(exponent)") {
            return "1e\(exponent)"
        }
        return formatValue(x)
    }

    /// A percentage given as input (an accuracy or battery floor, a model's accuracy) as printed
    /// before " %": to a millionth of a percent at most, without trailing zeros or e-notation, so
    /// that `90`, `33.333333` and, for an absurdly small floor such as 1e-320, `0`.
    ///
    /// Every percentage input is accepted from 0 to 100 (``accuracyPercent``, ``batteryPercent``);
    /// recorded levels can be tiny without being wrong, so the range stays and the printing rounds.
    public static func percentText(_ x: Double) -> String {
        guard x.isFinite, x.magnitude < 1e9 else { return formatValue(x) }
        let millionths = Int((x.magnitude * 1e6).rounded())
        guard millionths != 0 else { return "0" }
        var fraction = String(millionths % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (x < 0 ? "-" : "") + String(millionths / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A value as the user would write it: whole numbers as digits (a byte count of 2^63 − 1 as
    /// `9223372036854775808`, not `9.223372036854776e+18`) below 2^64, others in their shortest
    /// form, e-notation only for very large or small magnitudes.
    public static func formatValue(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        guard x == x.rounded(), x.magnitude < 0x1p64 else { return "\(x)" }
        return (x < 0 ? "-" : "") + String(UInt64(x.magnitude))
    }
}

/// A number outside its quantity's range.
public struct QuantityError: Error, Hashable, Sendable, CustomStringConvertible {
    public var quantity: Quantity
    public var value: Double

    public init(quantity: Quantity, value: Double) {
        self.quantity = quantity
        self.value = value
    }

    /// "bandwidth must be from 1e-6 to 1000000 Mbit/s, got 1e-305"; for a quantity that must be
    /// positive and a value that is not, "bandwidth must be > 0 (from …), got -1".
    public var description: String {
        let got = "got \(Quantity.formatValue(value))"
        if quantity.lowest > 0, value <= 0 {
            return "\(quantity.name) must be > 0 (\(quantity.rangeDescription)), \(got)"
        }
        return "\(quantity.name) must be \(quantity.rangeDescription), \(got)"
    }
}
