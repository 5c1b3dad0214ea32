import Glibc

/// Writing a file named on the command line, checking every step, with a message in
/// splitscope's words when it cannot be written.
///
/// Plain `open`/`write`/`close`, not an atomic replace: the path may be a device or a pipe the
/// user chose (`/dev/stdout`), and a full disk (`/dev/full`) must be reported, not ignored.
enum OutputFile {
    /// Writes `bytes` to `path`, or throws a usage error (exit 2) naming the path and the cause.
    static func write(_ bytes: [UInt8], to path: String) throws(CommandError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CommandError("\(path): cannot write the file: \(reason())") }
        var done = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < buffer.count {
                let written = Glibc.write(fd, base + done, buffer.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = reason()
                    return
                }
                done += written
            }
        }
        let closed = close(fd)
        if let failure { throw CommandError("\(path): cannot write the file: \(failure)") }
        guard closed == 0 else { throw CommandError("\(path): cannot write the file: \(reason())") }
    }

    /// The current `errno` in words ("No space left on device").
    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}
