/// A count and its noun, agreeing: `1 layer`, `0 layers`, `3 devices`.
///
/// The one place the singular-for-exactly-1 rule lives, for every target that prints a count
/// (the commands' `Format.counted` adds thousands separators on top of it).
///
/// ```swift
/// CountPhrase.of(1, "device")                      // "1 device"
/// CountPhrase.of(2, "batch", plural: "batches")    // "2 batches"
/// ```
public enum CountPhrase {
    /// `n` then the noun, singular for exactly 1; the plural is the noun with an `s` unless given.
    public static func of(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}
