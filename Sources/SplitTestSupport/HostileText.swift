import SplitModels
import Testing

/// A string no sensible input holds, as a test argument, and the check that a message quoting
/// it prints safely: for the tests that feed hostile names to every reader and port.
///
/// A hostile name here is a terminal escape (clear the screen, retitle the window, ring the bell)
/// or 10,000 characters; whatever repeats it must show it through ``DisplayText``, escaped and
/// bounded.
///
/// ```swift
/// @Test(arguments: [HostileText.escape(after: "v"), HostileText.huge].map(HostileText.init))
/// func names(hostile: HostileText) {
///     let message = "\(error)"
///     #expect(HostileText.printsSafely(message), "\(DisplayText.quoted(message, limit: 300))")
/// }
/// ```
public struct HostileText: CustomTestStringConvertible, Sendable {
    public let text: String

    public init(text: String) {
        self.text = text
    }

    /// Shown short in test names and reports.
    public var testDescription: String { DisplayText.quoted(text) }

    /// `lead`, then the escapes that clear the screen and retitle the window, then a bell.
    public static func escape(after lead: String) -> String {
        lead + "\u{1B}[2J\u{1B}]0;owned\u{7}"
    }

    /// 10,000 `x`: far past every display bound.
    public static let huge = String(repeating: "x", count: 10_000)

    /// Whether `message` holds no control character (C0, DEL, C1) but those in `allowing`, and no
    /// run of ``huge`` longer than ``DisplayText/limit``.
    public static func printsSafely(_ message: String, allowing: Set<Unicode.Scalar> = []) -> Bool {
        !message.unicodeScalars.contains { DisplayText.isControl($0) && !allowing.contains($0) }
            && !message.contains(String(repeating: "x", count: DisplayText.limit + 1))
    }
}
