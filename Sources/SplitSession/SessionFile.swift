#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file open for reading, closed when the last reference goes away.
///
/// This and ``SessionWriter`` are the only places that touch the file system. Reads use
/// `pread`, which keeps no shared position, so one handle serves concurrent readers.
final class SessionFile: Sendable {
    /// The path as it was given, for messages.
    let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    init(openingForReading path: String) throws(SessionError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SessionError(file: path, message: "cannot read the session: \(Self.describe(errno: errno).lowercased())")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The file's size in bytes.
    func size() throws(SessionError) -> Int64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SessionError(file: path, message: "cannot stat: \(Self.describe(errno: errno))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            let what = (status.st_mode & S_IFMT) == S_IFDIR ? "it is a directory, not a file" : "not a regular file"
            throw SessionError(file: path, message: "cannot read the session: \(what)")
        }
        return Int64(status.st_size)
    }

    /// Fills as much of `buffer` as the file has from `offset`; returns the byte count (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SessionError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let got = pread(descriptor, base + filled, buffer.count - filled, off_t(offset) + off_t(filled))
            if got < 0 {
                if errno == EINTR { continue }
                throw SessionError(file: path, message: "cannot read: \(Self.describe(errno: errno))")
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// `count` bytes from `offset`, fewer if the file ends first.
    func read(count: Int, at offset: Int64) throws(SessionError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SessionError) in try read(into: buffer, at: offset) }
        }.get()
        bytes.removeLast(count - got)
        return bytes
    }

    /// The whole file.
    func readAll() throws(SessionError) -> [UInt8] {
        let expected = try size()
        guard expected <= Int64(Int.max / 2) else {
            throw SessionError(file: path, message: "too large to read (\(expected) bytes)")
        }
        var bytes = try read(count: Int(expected), at: 0)
        // The file may have grown since fstat (a live session still being written).
        var tail = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let end = Int64(bytes.count)
            let got = try tail.withUnsafeMutableBytes { buffer in
                Result { () throws(SessionError) in try read(into: buffer, at: end) }
            }.get()
            if got == 0 { break }
            bytes.append(contentsOf: tail[..<got])
        }
        return bytes
    }

    /// Writes all of `buffer` with one `write(2)`, repeated only for the rare short write or
    /// interruption.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(SessionError) {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let count = write(descriptor, base + done, buffer.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                throw SessionError(file: path, message: "cannot write: \(describe(errno: errno))")
            }
            done += count
        }
    }

    /// Closes a descriptor this module opened; 0 on success.
    static func closeDescriptor(_ descriptor: Int32) -> Int32 {
        close(descriptor)
    }

    /// The C library's words for an `errno` value.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
