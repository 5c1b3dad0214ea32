import Foundation
import SplitModels

/// A comma-separated list of names given to a flag (`--outputs a,b`, `--device-layers …`, `--models …`).
///
/// Every such flag reads its list here, so an empty item (`a,,b`, a trailing comma) or a name given
/// twice is refused the same way everywhere instead of being dropped or counted twice.
enum CommaList {
    /// The names in `text`, trimmed of blanks, or a usage error naming the flag and the problem.
    ///
    /// ```swift
    /// try CommaList.names("conv1, fc", flag: "--outputs")   // ["conv1", "fc"]
    /// try CommaList.names("a,,a", flag: "--outputs")        // throws: item 2 of "a,,a" is empty
    /// ```
    /// With `allowingRepeats`, an item may stand more than once (values cycled over devices).
    static func names(_ text: String, flag: String, allowingRepeats: Bool = false) throws(CommandError) -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            guard !item.isEmpty else {
                throw CommandError("\(flag): item \(index + 1) of \"\(text)\" is empty; give items separated by single commas")
            }
            guard seen.insert(item).inserted || allowingRepeats else {
                throw CommandError("\(flag): \"\(item)\" is named twice in \"\(text)\"; name each once")
            }
        }
        return items
    }

    /// The numbers in `text`, each checked against `quantity`, or a usage error naming the flag and the item.
    ///
    /// ```swift
    /// try CommaList.numbers("0.5,0.9", flag: "--thresholds", quantity: .confidence)   // [0.5, 0.9]
    /// try CommaList.numbers("0.5,x", flag: "--thresholds", quantity: .confidence)     // throws: "x" is not a number
    /// ```
    static func numbers(_ text: String, flag: String, quantity: Quantity,
                        allowingRepeats: Bool = false) throws(CommandError) -> [Double] {
        var values: [Double] = []
        for item in try names(text, flag: flag, allowingRepeats: allowingRepeats) {
            // Plain decimals only, as for every numeric flag (FlagNumber): not 0x10, nan or inf.
            guard let value = PlainDecimal.parse(item) else {
                throw CommandError("\(flag): \"\(item)\" in \"\(text)\" is not a number (write it in decimal: 16, 0.5, 1e-3)")
            }
            values.append(try quantity.checked(value, flag: "\(flag) \(item)"))
        }
        return values
    }
}
