import ArgumentParser
import SplitModels

/// A number given to a flag, in plain decimal notation and nothing else.
///
/// Swift's `Double("0x10")` is 16 and `Double("nan")` is NaN, so a flag declared `Double` takes
/// hex, `inf` and `nan`. A `FlagNumber` takes digits with an optional sign, an optional fraction
/// and an optional exponent (`16`, `-2`, `0.25`, `.5`, `1e9`, `2.5E-3`) and refuses everything
/// else at parse time, naming the flag. Its default prints in `--help` as the user would type it:
/// `1`, `0.9`, `224` — never `1.0`. Numbers stay `Double` inside so that the ``Quantity`` catalogue
/// range-checks every flag, whole-number ones included, with one message.
///
/// ```swift
/// @Option(name: .long, parsing: .unconditional, help: "Timed runs.")
/// var `repeat`: FlagNumber = 1          // --help: "(default: 1)"; --repeat 0x10 is refused
/// let repeats = Int(try Quantity.repeats.checked(`repeat`, flag: "--repeat"))
/// ```
struct FlagNumber: FlagValue, ExpressibleByArgument, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, Hashable, Sendable,
    CustomStringConvertible {
    /// The number.
    var value: Double

    init(_ value: Double) {
        self.value = value
    }

    init(integerLiteral value: Int) {
        self.value = Double(value)
    }

    init(floatLiteral value: Double) {
        self.value = value
    }

    /// The number `argument` writes in plain decimal notation (``PlainDecimal``), nil for anything
    /// else: hex, `inf`, `nan`, a blank, a unit, a second sign, leading or trailing spaces.
    init?(argument: String) {
        guard let value = PlainDecimal.parse(argument) else { return nil }
        self.value = value
    }

    /// As the user would type it: `1`, `0.9`, `1048576`.
    var description: String { Quantity.formatValue(value) }

    var defaultValueDescription: String { description }
}

/// A number read from a flag in plain decimal notation: ``FlagNumber`` (any decimal) or
/// ``FlagInteger`` (whole numbers, digits only).
protocol FlagValue: CustomStringConvertible {
    /// The number.
    var value: Double { get }
}

extension Quantity {
    /// The value of a flag if this quantity accepts it; otherwise a usage error naming the flag.
    func checked(_ value: some FlagValue, flag: String) throws(CommandError) -> Double {
        try checked(value.value, flag: flag)
    }

    /// The value of an optional flag, checked when given.
    func checkedIfGiven(_ value: (some FlagValue)?, flag: String) throws(CommandError) -> Double? {
        guard let value else { return nil }
        return try checked(value.value, flag: flag)
    }

    /// A flag's value saturated into range (for benches that clamp rather than refuse).
    func clamp(_ value: some FlagValue) -> Double {
        clamp(value.value)
    }
}
