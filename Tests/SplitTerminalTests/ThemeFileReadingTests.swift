import Foundation
import Testing
@testable import SplitTerminal

/// A theme path that cannot be read says why, in the same words as traces, profiles and sessions.
@Suite("Theme files that cannot be read")
struct ThemeFileReadingTests {
    @Test func directoriesMissingAndBinaryFilesSaySo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("binary.theme")
        try Data([0x00, 0xFF, 0x01]).write(to: binary)
        let folder = directory.appendingPathComponent("folder.theme")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            (folder.path, "cannot read the theme file: it is a directory, not a file"),
            (directory.appendingPathComponent("missing.theme").path, "cannot read the theme file: no such file"),
            (binary.path, "the theme file is not UTF-8 text"),
        ]
        for (path, words) in cases {
            let outcome = ThemeLoader.loadOrDefault(nameOrPath: path, themesDirectories: [])
            #expect(outcome.error?.contains(words) == true, "\(path): \(String(describing: outcome.error))")
            #expect(outcome.error?.hasPrefix(path) == true)
        }
    }
}
