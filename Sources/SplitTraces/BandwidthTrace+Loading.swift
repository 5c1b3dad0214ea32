import Foundation

/// Reading traces from text and from files: the only place in this module that touches the file system.
extension BandwidthTrace {
    /// Parses the whole text of a trace file.
    ///
    /// - Parameters:
    ///   - text: The file's content.
    ///   - name: The trace's name, also used as the file name in errors.
    ///   - format: The format, or `nil` to detect it with ``BandwidthTraceFormat/detect(text:fileName:)``
    ///     (with `name` as the file-name hint).
    /// - Throws: ``TraceError``: ``TraceError/Kind/emptyTrace`` for blank text,
    ///   ``TraceError/Kind/unknownFormat`` if the format cannot be detected, or the reader's error.
    public static func parse(
        text: String, name: String, format: BandwidthTraceFormat? = nil
    ) throws(TraceError) -> BandwidthTrace {
        guard let format = format ?? BandwidthTraceFormat.detect(text: text, fileName: name) else {
            let blank = TraceLine.lines(of: text, file: name).isEmpty
            throw TraceError(blank ? .emptyTrace : .unknownFormat, file: name)
        }
        return try format.reader.read(text: text, name: name)
    }

    /// Reads and parses the trace file at `path`; the trace is named after the file.
    ///
    /// Errors name the full `path`. Bytes that are not UTF-8 text (or hold a NUL byte) give
    /// ``TraceError/Kind/notText``.
    public static func load(path: String, format: BandwidthTraceFormat? = nil) throws(TraceError) -> BandwidthTrace {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TraceError(.unreadableFile(reason: "no such file"), file: path)
        }
        guard !isDirectory.boolValue else {
            throw TraceError(.unreadableFile(reason: "it is a directory, not a file"), file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let denied = !FileManager.default.isReadableFile(atPath: path)
            throw TraceError(.unreadableFile(reason: denied ? "permission denied" : "the system could not read it"), file: path)
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw TraceError(.notText, file: path)
        }
        do {
            return try parse(text: text, name: url.lastPathComponent, format: format)
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }
}
