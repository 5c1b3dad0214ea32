import Foundation

/// A data file that cannot be read as a data set, naming the file and what is wrong with it.
public struct DataError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, independent of the file.
    public enum Reason: Error, Equatable, CustomStringConvertible {
        /// The file is not there or cannot be read.
        case unreadable(String)
        /// The gzip layer is broken: empty, truncated, corrupt or followed by junk.
        case gzip(String)
        /// The IDX header is wrong or disagrees with the file's size.
        case idx(String)
        /// A record of a text data file is malformed (1-based line number).
        case record(line: Int, String)
        /// Two files that belong together disagree (images and labels).
        case mismatch(String)

        public var description: String {
            switch self {
            case .unreadable(let text), .gzip(let text), .idx(let text), .mismatch(let text): text
            case .record(let line, let text): "line \(line): \(text)"
            }
        }
    }

    /// The file as the caller named it.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// Why the file at `path` cannot be read, in words: it does not exist, it is a folder, it may
    /// not be read, or (when none of these) that it cannot be read.
    public static func unreadable(_ path: String) -> Reason {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .unreadable("no such file") }
        if isFolder.boolValue { return .unreadable("it is a folder, not a data file") }
        if !FileManager.default.isReadableFile(atPath: path) { return .unreadable("permission denied") }
        return .unreadable("cannot read the file")
    }
}
