import Foundation
import Testing
@testable import SplitTerminal

@Suite("ThemeLoader: names, paths, folders, fallbacks")
struct ThemeLoaderTests {
    /// A fresh folder with the given files, removed by the caller.
    func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url.path
    }

    @Test func aNameFindsTheBuiltInWithoutFolders() throws {
        let result = try ThemeLoader.load(nameOrPath: "light", themesDirectory: nil)
        #expect(result.theme == Theme.light)
    }

    @Test func aFileInAFolderOverridesTheBuiltIn() throws {
        let dir = try folder(["light.theme": "title = red\n", "ocean.theme": "accent = #0af\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let light = try ThemeLoader.load(nameOrPath: "light", themesDirectories: ["/nonexistent", dir])
        #expect(light.theme[.title].color == .ansi(1))
        #expect(light.theme[.border] == Theme.dark[.border])
        let ocean = try ThemeLoader.load(nameOrPath: "ocean", themesDirectory: dir)
        #expect(ocean.theme[.accent].color == .rgb(0, 0xaa, 0xff))
        #expect(ocean.theme.name == "ocean")
        #expect(ThemeLoader.availableThemes(themesDirectories: [dir]) == ["dark", "high-contrast", "light", "mono", "ocean"])
    }

    @Test func aPathLoadsThatFile() throws {
        let dir = try folder(["x.theme": "pin = 201 bold\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try ThemeLoader.load(nameOrPath: dir + "/x.theme", themesDirectory: nil)
        #expect(result.theme[.pin] == Theme.Entry(.indexed(201), .bold))
    }

    @Test func errorsNameTheFile() throws {
        let dir = try folder(["bad.theme": "# fine\ntitle = red\naccent = blu\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: ThemeError(file: dir + "/bad.theme", line: 3, message: "accent: 'blu' is not a colour")) {
            try ThemeLoader.load(nameOrPath: "bad", themesDirectory: dir)
        }
        #expect(throws: ThemeError.self) { try ThemeLoader.load(nameOrPath: dir + "/missing.theme", themesDirectory: nil) }
        do {
            _ = try ThemeLoader.load(nameOrPath: "nope", themesDirectories: [dir])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("nope: no such theme (looked in \(dir); built in: dark, light, high-contrast, mono)"))
        }
    }

    @Test func loadOrDefaultGivesDarkAndTheMessage() throws {
        let dir = try folder(["bad.theme": "title red\n", "odd.theme": "title = red\nfoo = blue\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = ThemeLoader.loadOrDefault(nameOrPath: "bad", themesDirectories: [dir])
        #expect(bad.theme == Theme.dark)
        #expect(bad.error == "\(dir)/bad.theme:1: expected 'role = colour', found 'title red'")
        let odd = ThemeLoader.loadOrDefault(nameOrPath: "odd", themesDirectories: [dir])
        #expect(odd.error == nil)
        #expect(odd.warnings == ["\(dir)/odd.theme:2: warning: unknown key 'foo' ignored"])
        #expect(odd.theme[.title].color == .ansi(1))
    }

    @Test func candidateDirectoriesInSearchOrder() {
        let candidates = ThemeLoader.candidateDirectories(
            environment: ["SPLITSCOPE_THEMES": "mythemes"],
            executablePath: "/repo/.build/x86_64-unknown-linux-gnu/debug/splitscope",
            currentDirectory: "/work"
        )
        #expect(candidates == [
            "/work/mythemes",
            "/work/Themes",
            "/repo/.build/x86_64-unknown-linux-gnu/debug/Themes",
            "/repo/.build/x86_64-unknown-linux-gnu/share/splitscope/themes",
            "/repo/.build/Themes",
            "/repo/Themes",
        ])
        let plain = ThemeLoader.candidateDirectories(environment: [:], executablePath: nil, currentDirectory: "/work")
        #expect(plain == ["/work/Themes"])
    }

    @Test func defaultDirectoriesKeepOnlyFoldersThatExist() throws {
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = ThemeLoader.defaultDirectories(environment: ["SPLITSCOPE_THEMES": dir], executablePath: nil,
                                                   currentDirectory: "/nonexistent")
        #expect(found == [dir])
    }
}
