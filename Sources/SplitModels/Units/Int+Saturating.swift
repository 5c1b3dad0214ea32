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
