import ArgumentParser
import SplitModels

/// A random seed given to a flag (`--seed`): decimal digits, any value from 0 to 2⁶⁴ − 1.
///
/// `UInt64`'s own parsing takes `+3`; a seed, like every whole number in a flag (``FlagInteger``),
/// is digits and nothing else, refused at parse time otherwise (`The value '+3' is invalid for
/// '--seed <seed>'`). Kept apart from ``FlagInteger`` because a seed uses all 64 bits, beyond what a
/// `Double` holds exactly.
struct FlagSeed: ExpressibleByArgument, ExpressibleByIntegerLiteral, Hashable, Sendable, CustomStringConvertible {
    /// The seed.
    var value: UInt64

    init(integerLiteral value: UInt64) {
        self.value = value
    }

    /// The seed `argument` writes in decimal digits, nil for anything else (a sign, a fraction,
    /// an exponent, hex, spaces) or a value beyond 2⁶⁴ − 1.
    init?(argument: String) {
        guard PlainDecimal.isDigits(argument), let value = UInt64(argument) else { return nil }
        self.value = value
    }

    var description: String { String(value) }

    var defaultValueDescription: String { description }
}
