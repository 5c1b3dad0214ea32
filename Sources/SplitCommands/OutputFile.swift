import Glibc
import SplitSession

/// Writing a file named on the command line, checking every step, with a message in
/// splitscope's words, naming the flag and the path, when it cannot be written.
///
/// Plain `open`/`write`/`close`, not an atomic replace: the path may be a device or a pipe the
/// user chose (`/dev/stdout`, `>(gzip > x)`), and a full disk (`/dev/full`) must be reported, not
/// ignored. The open never waits (``WritableFile``, as session recordings open theirs): a named pipe
/// with no reader is refused, as is a directory. Every flag that writes a file
/// goes through here (``write(_:to:flag:)``, or ``check(path:flag:)`` for writers that open the
/// file themselves, such as session recordings).
///
/// ```swift
/// try OutputFile.write(bytes, to: "out.npy", flag: "--output")
/// // a FIFO no one reads: "--output out.npy: cannot write the file: it is a pipe with no reader …"
/// ```
enum OutputFile {
    /// Writes `bytes` to `path`, or throws a usage error (exit 2) naming the flag, the path and the cause.
    static func write(_ bytes: [UInt8], to path: String, flag: String) throws(CommandError) {
        let fd = try open(path, flag: flag)
        var done = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < buffer.count {
                let written = Glibc.write(fd, base + done, buffer.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = WritableFile.reason(errno)
                    return
                }
                done += written
            }
        }
        let closed = close(fd)
        if let failure { throw refusal(path, flag: flag, failure) }
        guard closed == 0 else { throw refusal(path, flag: flag, WritableFile.reason(errno)) }
    }

    /// Nothing when `path` can be written (creating it, or truncating what is there); otherwise
    /// the usage error ``write(_:to:flag:)`` would give. For writers that open the file later
    /// themselves, so a bad path is refused before any work starts.
    static func check(path: String, flag: String) throws(CommandError) {
        let fd = try open(path, flag: flag)
        guard close(fd) == 0 else { throw refusal(path, flag: flag, WritableFile.reason(errno)) }
    }

    /// A descriptor open for writing at `path` (created or truncated), in blocking mode; the open
    /// itself never blocks.
    private static func open(_ path: String, flag: String) throws(CommandError) -> Int32 {
        switch WritableFile.open(path) {
        case .success(let descriptor): return descriptor
        case .failure(let refused): throw refusal(path, flag: flag, refused.reason)
        }
    }

    private static func refusal(_ path: String, flag: String, _ why: String) -> CommandError {
        CommandError("\(flag) \(path): cannot write the file: \(why)")
    }
}
