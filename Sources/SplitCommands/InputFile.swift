import Foundation

/// Reading a file named on the command line, with a message in splitscope's words when it cannot
/// be read: missing, a directory, unreadable, or not text.
enum InputFile {
    /// The file's text, or a usage error naming the path and what is wrong.
    ///
    /// `what` names the kind of file in messages ("profile", "session").
    static func readText(path: String, what: String) throws(CommandError) -> String {
        if let problem = problem(at: path) {
            throw CommandError("\(path): cannot read the \(what): \(problem)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): cannot read the \(what)")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw CommandError("\(path): the \(what) is not UTF-8 text (binary data?)")
        }
        return text
    }

    /// Why the path cannot be read as a file, in words, or nil when it looks readable.
    static func problem(at path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such file"
        }
        if isDirectory.boolValue { return "it is a directory, not a file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return nil
    }
}
