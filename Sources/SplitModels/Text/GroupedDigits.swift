/// A whole number with thousands separators: `6,422,528,016`, `-1,000`, `999`.
///
/// The one grouping every target prints byte and event counts with (the commands' tables, the
/// engine's out-of-memory message, the replay benchmark), so the same count reads the same
/// wherever it appears.
///
/// ```swift
/// GroupedDigits.of(150_528)   // "150,528"
/// ```
public enum GroupedDigits {
    /// `value` with a comma before every third digit from the right, and its sign.
    public static func of(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }
}
