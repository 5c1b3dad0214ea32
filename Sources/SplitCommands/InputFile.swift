import Foundation

/// Reading a file named on the command line, with a message in splitscope's words when it cannot
/// be read: missing, a directory, unreadable, or not text.
enum InputFile {
    /// The file's text, or a usage error naming the path and what is wrong.
    ///
    /// `what` names the kind of file in messages ("profile", "session").
    static func readText(path: String, what: String) throws(CommandError) -> String {
        try check(path: path, what: what)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): cannot read the \(what)")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw CommandError("\(path): the \(what) is not UTF-8 text (binary data?)")
        }
        return text
    }

    /// The file's bytes (an `.npy` tensor, a weights file), or a usage error naming the path and what is wrong.
    static func readData(path: String, what: String) throws(CommandError) -> [UInt8] {
        try check(path: path, what: what)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): cannot read the \(what)")
        }
        return Array(data)
    }

    /// Nothing when the path is a readable regular file; otherwise a usage error naming the path
    /// and what is wrong: missing, a directory, a device, a pipe or socket, or not readable.
    ///
    /// For readers that open the file themselves (the ONNX importer, the session reader).
    static func check(path: String, what: String) throws(CommandError) {
        if let problem = problem(at: path) {
            throw CommandError("\(path): cannot read the \(what): \(problem)")
        }
    }

    /// Why the path cannot be read as a file, in words, or nil when it is a readable regular file.
    ///
    /// Only regular files (or links to them, `/dev/stdin` redirected from a file among them) are
    /// read: a device never ends, a pipe with no writer blocks the open forever, and one that has
    /// a writer is consumed by the first reading, so splitscope names them rather than hang or
    /// read half a tensor.
    static func problem(at path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such file"
        }
        if isDirectory.boolValue { return "it is a directory, not a file" }
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFBLK: return "it is a device, not a file"
            case S_IFIFO: return "it is a pipe, not a regular file (splitscope reads files whole; save the data to a file first)"
            case S_IFSOCK: return "it is a socket, not a regular file"
            default: return "it is not a regular file"
            }
        }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return nil
    }
}
