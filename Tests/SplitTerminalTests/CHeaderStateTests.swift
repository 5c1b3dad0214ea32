import Foundation
import Testing

/// State that C code keeps is defined once, in a C file: never as a `static` variable in a header.
///
/// A header's `static inline` function is copied into every Swift module that uses it, and a
/// release build's cross-module optimisation inlines Swift callers into other modules too, so a
/// `static` variable inside such a function existed twice in the release binary. The signal
/// handler read one copy while the backend had marked the screen active in the other, and a
/// crash left the terminal in raw mode with the report printed as a staircase. Debug builds have
/// one copy, so only this scan (or the end-to-end crash test run against a release build, as
/// `.ci/run` does) catches it.
@Suite("C headers keep no state")
struct CHeaderStateTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func noHeaderDeclaresAStaticVariable() throws {
        let enumerator = try #require(FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil))
        var headers = 0
        var found: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "h" {
            headers += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                // `static inline` functions are fine (no state); any other `static` declaration is state.
                guard code.hasPrefix("static "), !code.hasPrefix("static inline ") else { continue }
                found.append("\(url.lastPathComponent):\(number + 1): \(code)")
            }
        }
        #expect(headers >= 3, "the scan found the C headers under \(Self.sources.path)")
        #expect(found.isEmpty, "state in a header exists once per module that uses it:\n\(found.joined(separator: "\n"))")
    }
}
