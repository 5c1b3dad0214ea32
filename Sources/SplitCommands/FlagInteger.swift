import ArgumentParser
import SplitModels

/// A whole number given to a flag, in plain decimal digits and nothing else.
///
/// Counts, sizes, splits and thread counts are whole numbers, and a user who types `--split 1e1`,
/// `--batch 2.0` or `--repeat +3` has written something other than one: a `FlagInteger` takes
/// decimal digits, optionally after a minus sign (`16`, `007`, `-1`), and refuses everything else
/// at parse time, naming the flag (`The value '1e1' is invalid for '--split <split>'`). A minus is
/// read so that the flag's ``Quantity`` refuses a negative with its range, in the same words as
/// any other number out of range. The number stays a `Double` inside, like ``FlagNumber``'s, so the
/// catalogue range-checks it with one message.
///
/// ```swift
/// @Option(name: .long, parsing: .unconditional, help: "Run the first K layers on the device.")
/// var split: FlagInteger?                 // --split 1e1 is refused
/// let k = Int(try Quantity.split(layerCount: n).checked(split, flag: "--split"))
/// ```
struct FlagInteger: FlagValue, ExpressibleByArgument, ExpressibleByIntegerLiteral, Hashable, Sendable, CustomStringConvertible {
    /// The number.
    var value: Double

    init(_ value: Int) {
        self.value = Double(value)
    }

    init(integerLiteral value: Int) {
        self.value = Double(value)
    }

    /// The number `argument` writes as decimal digits with an optional leading minus, nil for
    /// anything else: a plus sign, a fraction (`2.0`), an exponent (`1e1`), hex, spaces, a unit.
    init?(argument: String) {
        guard PlainDecimal.isDigits(argument.hasPrefix("-") ? argument.dropFirst() : argument[...]),
              let value = Double(argument) else { return nil }
        self.value = value
    }

    /// As the user would type it: `1`, `224`, `1048576`.
    var description: String { Quantity.formatValue(value) }

    var defaultValueDescription: String { description }
}
