import Foundation
import Testing
@testable import SplitTerminal

/// Renders `widget` into a fresh buffer of the given size.
func rendered(_ widget: some Widget, width: Int, height: Int, area: Rect? = nil) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    buffer.render(widget, in: area ?? buffer.area)
    return buffer
}

/// The buffer's rows joined by newlines, to compare with a multi-line string literal.
func text(_ buffer: Buffer) -> String {
    buffer.lines.joined(separator: "\n")
}

/// Golden files: `Tests/SplitTerminalTests/Golden/<name>.txt`, rewritten instead of compared
/// when `SPLITSCOPE_UPDATE_GOLDEN=1` is set, so expectations are never edited by hand.
enum Golden {
    /// The folder beside this file.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Whether this run refreshes golden files.
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["SPLITSCOPE_UPDATE_GOLDEN"] == "1" }

    /// Expects `actual` to equal the golden file `name`, or writes it when updating.
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let content = actual + "\n"
        if isUpdating {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try content.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with SPLITSCOPE_UPDATE_GOLDEN=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(content == expected, "golden \(name) differs; rerun with SPLITSCOPE_UPDATE_GOLDEN=1 if the change is intended",
                sourceLocation: sourceLocation)
    }
}
