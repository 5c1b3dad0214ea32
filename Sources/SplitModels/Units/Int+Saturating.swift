extension Int {
    /// The whole part of `value` (rounded toward zero), saturated at `Int.min` and `Int.max`; 0 for NaN.
    ///
    /// Unlike `Int(_:)`, never traps: use it wherever a Double that came from outside (a flag, a
    /// file, an estimate) becomes a count.
    ///
    /// ```swift
    /// Int(saturating: 1e13 * 1e6)   // Int.max
    /// Int(saturating: -.infinity)   // Int.min
    /// Int(saturating: 2.9)          // 2
    /// ```
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 0x1p63 {
            self = .max
        } else if value < -0x1p63 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}

extension Int {
    /// `self + other`, held at `Int.max` or `Int.min` instead of trapping on overflow.
    ///
    /// Counts summed over a model (bytes at a cut, parameters, MACs) use it, so a profile built
    /// in code with absurd counts gives absurd totals, not a crash; profiles read from files and
    /// zoo graphs are checked against ``Quantity/modelBytes`` and friends and never get near.
    public func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self − other`, held at `Int.max` or `Int.min` instead of trapping on overflow.
    public func subtractingSaturated(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    /// `self × other`, held at `Int.max` or `Int.min` instead of trapping on overflow.
    public func multipliedSaturated(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
