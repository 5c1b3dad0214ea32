import SplitModels

/// Checking a flag's value against its quantity, so every flag of every subcommand says the same
/// thing the same way: `--memory-mb: memory budget must be from 1e-6 to 1e9 MB, got 10000000000000`.
extension Quantity {
    /// The value of `flag` if this quantity accepts it; otherwise a usage error naming the flag.
    func checked(_ value: Double, flag: String) throws(CommandError) -> Double {
        do {
            return try check(value)
        } catch {
            throw CommandError("\(flag): \(error)")
        }
    }

    /// The value of an optional flag, checked when given.
    func checkedIfGiven(_ value: Double?, flag: String) throws(CommandError) -> Double? {
        guard let value else { return nil }
        return try checked(value, flag: flag)
    }

    /// A whole-number flag, checked.
    func checked(_ value: Int, flag: String) throws(CommandError) -> Int {
        Int(try checked(Double(value), flag: flag))
    }
}
