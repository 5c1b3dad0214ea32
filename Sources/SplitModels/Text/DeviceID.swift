/// The one rule for a device's id, wherever it enters: a flag (`device --device-id`), a request's
/// `device_id` parameter at the edge, a session file's `device` fields.
///
/// An id is 1 to ``maxLength`` characters (Unicode scalars), holds no control character (C0,
/// DEL, C1) and is not all whitespace: it is printed in logs and tables and keyed on in maps, so
/// it must stay one short, visible line.
///
/// ```swift
/// DeviceID.problem("cam-1")       // nil
/// DeviceID.problem("a\nb")        // "\"a\\nb\": holds a control character (U+000A)"
/// ```
public enum DeviceID {
    /// The longest device id, in characters (a bound on what one request can make the edge keep).
    public static let maxLength = 128

    /// Why `id` cannot name a device, quoting it safely (see ``DisplayText/quoted(_:limit:)``), or
    /// nil when it can.
    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "expected 1 to \(maxLength) characters, got an empty id" }
        if let problem = DisplayText.nameProblem(id, maxLength: maxLength) { return problem }
        if id.allSatisfy(\.isWhitespace) { return "\(DisplayText.quoted(id)): is all whitespace" }
        return nil
    }
}
