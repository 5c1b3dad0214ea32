import Foundation
import SplitModels

/// Number formatting for tables: fixed decimals, thousands separators, byte and MAC units.
enum Format {
    /// `12.34` with the given decimals.
    ///
    /// A value that prints as zero prints without a sign: `-0` and `-0.001` give `0.00`, not
    /// `-0.00` (printf keeps the sign of negative zero and of what rounds to it).
    static func fixed(_ value: Double, _ decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(decimals)f", value)
        guard text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) else { return text }
        return String(text.dropFirst())
    }

    /// `fixed`, unless that would print a value that is not 0 as 0 (`0.00` for 1e-6 Mbit/s):
    /// then the value as typed. For echoing a user's input back.
    static func given(_ value: Double, _ decimals: Int = 2) -> String {
        let text = fixed(value, decimals)
        return value != 0 && Double(text) == 0 ? plain(value) : text
    }

    /// A number as typed: `40`, `25.6`, `0.001` (no trailing zeros; for help texts and messages).
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// `150,528` (``GroupedDigits``, as every target groups them).
    static func grouped(_ value: Int) -> String {
        GroupedDigits.of(value)
    }

    /// `1.23 MB`, `150.5 kB`, `512 B` (decimal units, as bandwidth is).
    static func bytes(_ value: Int) -> String {
        let v = Double(value)
        if v >= 1e9 { return fixed(v / 1e9, 2) + " GB" }
        if v >= 1e6 { return fixed(v / 1e6, 2) + " MB" }
        if v >= 1e3 { return fixed(v / 1e3, 1) + " kB" }
        return "\(value) B"
    }

    /// `4.09 G`, `118.0 M`, `9.4 k`.
    static func count(_ value: Int) -> String {
        let v = Double(value)
        if v >= 1e9 { return fixed(v / 1e9, 2) + " G" }
        if v >= 1e6 { return fixed(v / 1e6, 2) + " M" }
        if v >= 1e3 { return fixed(v / 1e3, 1) + " k" }
        return "\(value)"
    }

    /// A count and its noun, singular for exactly 1: `1 layer`, `0 layers`, `3 devices`. The plural
    /// is the noun with an `s` unless given (`counted(n, "batch", plural: "batches")`); `grouped`
    /// adds thousands separators (`1,000 frames`).
    static func counted(_ n: Int, _ noun: String, plural: String? = nil, grouped: Bool = false) -> String {
        let phrase = CountPhrase.of(n, noun, plural: plural)
        return grouped ? Format.grouped(n) + phrase.dropFirst(String(n).count) : phrase
    }
}
