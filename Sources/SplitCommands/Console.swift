#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SplitModels

/// Writes to standard output and standard error with plain write(2) calls.
///
/// Everything but the progress bar's own escapes (``errorRaw(_:)``) passes
/// ``DisplayText/terminalSafe(_:)`` on the way out: a name from a file or the network that a
/// message forgot to quote still cannot put an escape sequence on the terminal.
enum Console {
    /// Writes text to standard output.
    static func write(_ text: String) {
        writeAll(DisplayText.terminalSafe(text), to: 1)
    }

    /// Writes a line to standard output.
    static func line(_ text: String = "") {
        write(text + "\n")
    }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        let safe = DisplayText.terminalSafe(text)
        writeAll(safe.hasSuffix("\n") ? safe : safe + "\n", to: 2)
    }

    /// Writes text to standard error as is (no newline added): only for escapes splitscope makes itself.
    static func errorRaw(_ text: String) {
        writeAll(text, to: 2)
    }

    /// True when standard error is a terminal (for progress bars).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    private static func writeAll(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
