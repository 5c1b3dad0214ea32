/// Text that came from outside (the network, a file, a flag) made safe to print on a terminal
/// or in a log: control characters escaped and the length bounded.
///
/// A name from a request or a file may hold ESC (which a terminal obeys), a newline (which
/// forges a log line), a bidirectional override, or ten thousand characters. Every message that
/// shows such a string shows it through ``quoted(_:limit:)`` (or ``escaped(_:limit:)`` inside
/// running text), and everything written to a terminal passes ``terminalSafe(_:)`` last.
///
/// ```swift
/// DisplayText.quoted("cam\u{1B}[2J")              // "\"cam\\u{1B}[2J\""
/// DisplayText.quoted(String(repeating: "x", count: 10_000))
/// // "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\" (10000 characters)"
/// ```
public enum DisplayText {
    /// How many characters of a name a message shows before cutting it with an ellipsis.
    public static let limit = 40

    /// `text` in double quotes, its control characters, quotes and backslashes escaped, cut to
    /// `limit` characters with an ellipsis and its length in characters when longer.
    public static func quoted(_ text: String, limit: Int = limit) -> String {
        let (shown, cut) = escape(text, limit: limit, quoting: true)
        return cut ? "\"\(shown)…\" (\(text.unicodeScalars.count) characters)" : "\"\(shown)\""
    }

    /// `text` as it reads inside a sentence (no quotes): control characters escaped, cut to
    /// `limit` characters with an ellipsis and its length when longer.
    public static func escaped(_ text: String, limit: Int = limit) -> String {
        let (shown, cut) = escape(text, limit: limit, quoting: false)
        return cut ? "\(shown)… (\(text.unicodeScalars.count) characters)" : shown
    }

    /// A whole message made safe for a terminal: every control character but newline and tab
    /// escaped, nothing cut (the names inside it were bounded where they were put in).
    public static func terminalSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !needsEscape(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: escapeSequence(scalar).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Why `name` (from a file or the network) cannot name something splitscope prints — empty,
    /// longer than `maxLength` characters (Unicode scalars), or holding a control character — or
    /// nil when it can. The message quotes the name safely. ``DeviceID`` adds its own rules to this one.
    public static func nameProblem(_ name: String, maxLength: Int) -> String? {
        let length = name.unicodeScalars.count
        if length == 0 { return "expected 1 to \(maxLength) characters, got an empty name" }
        if length > maxLength { return "\(quoted(name)): expected 1 to \(maxLength) characters" }
        if let control = name.unicodeScalars.first(where: isControl) {
            return "\(quoted(name)): holds a control character (U+\(hex(control.value)))"
        }
        return nil
    }

    /// `value` as four or more upper-case hex digits (`001B`).
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Whether `scalar` is a control character: C0 (U+0000–U+001F), DEL (U+007F) or C1 (U+0080–U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether a terminal or a log reader could be misled by `scalar` printed raw: the control
    /// characters, the line and paragraph separators, and the invisible format characters that
    /// reorder or hide text (bidirectional overrides and isolates, zero-width characters, BOM).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if isControl(scalar) { return true }
        switch scalar.value {
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// How `scalar` is written when escaped: `\n`, `\r`, `\t`, else `\u{XX}` in hex.
    static func escapeSequence(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }

    /// The escaped text, at most `limit` scalars of it, and whether it was cut.
    private static func escape(_ text: String, limit: Int, quoting: Bool) -> (String, Bool) {
        let bound = max(1, limit)
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            let piece: String
            if needsEscape(scalar) {
                piece = escapeSequence(scalar)
            } else if quoting, scalar == "\"" || scalar == "\\" {
                piece = "\\\(scalar)"
            } else {
                piece = String(scalar)
            }
            let length = piece.unicodeScalars.count
            if count + length > bound { return (String(out), true) }
            out.append(contentsOf: piece.unicodeScalars)
            count += length
        }
        return (String(out), false)
    }
}
