#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error with plain write(2) calls.
enum Console {
    /// Writes text to standard output.
    static func write(_ text: String) {
        writeAll(text, to: 1)
    }

    /// Writes a line to standard output.
    static func line(_ text: String = "") {
        write(text + "\n")
    }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        writeAll(text.hasSuffix("\n") ? text : text + "\n", to: 2)
    }

    /// Writes text to standard error as is (no newline added).
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
