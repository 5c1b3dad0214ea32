#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a path to write it, the one way every writer does it (the commands' output files and
/// session recordings): created or truncated, and never waiting in `open`.
///
/// A named pipe with no reader would block `open` forever, so the path is opened non-blocking,
/// which refuses such a pipe at once (`ENXIO`), then switched back to blocking writes, so a pipe
/// with a reader is written at the reader's pace. The reasons a path, not the disk, causes are
/// said in splitscope's words.
///
/// ```swift
/// switch WritableFile.open("out.npy") {
/// case .success(let descriptor): …
/// case .failure(let refusal): print("out.npy: cannot write the file: \(refusal.reason)")
/// }
/// ```
public enum WritableFile {
    /// Why a path cannot be opened for writing.
    public struct Refusal: Error, Hashable, Sendable {
        /// The `errno` of the failed call.
        public var code: Int32
        /// The cause in words (``reason(_:)``).
        public var reason: String { WritableFile.reason(code) }
    }

    /// A descriptor open for writing at `path` (created or truncated, close-on-exec), in blocking
    /// mode; the open itself never blocks.
    public static func open(_ path: String) -> Result<Int32, Refusal> {
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0o644)
        #else
        let descriptor = Darwin.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0o644)
        #endif
        guard descriptor >= 0 else { return .failure(Refusal(code: errno)) }
        // Non-blocking was for the open only.
        let mode = fcntl(descriptor, F_GETFL)
        if mode >= 0 { _ = fcntl(descriptor, F_SETFL, mode & ~O_NONBLOCK) }
        return .success(descriptor)
    }

    /// `code` in words ("No space left on device"), the two a path rather than the disk causes in
    /// splitscope's own.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENXIO: "it is a pipe with no reader (splitscope would wait for one forever); give a file, or start the reader first"
        case EISDIR: "it is a directory, not a file"
        default: SessionFile.describe(errno: code)
        }
    }
}
