/// A physical quantity that enters splitscope from outside (a flag, a prompt, a file), with the
/// range of values that make sense for it.
///
/// Every number a user or a file gives is checked against its quantity where it enters, once, so
/// the planners and the cost model only ever see values they can compute with: finite, in range,
/// and far enough from the limits of `Double` and `Int` that products and sums cannot overflow.
///
/// ```swift
/// try Quantity.bandwidthMbps.check(1e-305)   // throws: "bandwidth must be from 1e-06 to 1e+06 Mbit/s"
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

    /// Whether `check` would accept the value.
    public func accepts(_ value: Double) -> Bool {
        (try? check(value)) != nil
    }

    /// The accepted range in words: "from 1e-06 to 1e+06 Mbit/s", "a whole number from 0 to 175".
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

    /// A limit printed plainly: whole numbers without a fraction, very large or small ones in e-notation.
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e7 { return String(Int(x)) }
        return "\(x)"
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

    /// "bandwidth must be from 1e-06 to 1e+06 Mbit/s, got 1e-305".
    public var description: String {
        "\(quantity.name) must be \(quantity.rangeDescription), got \(value)"
    }
}
