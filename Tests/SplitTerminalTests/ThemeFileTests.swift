import Foundation
import Testing
@testable import SplitTerminal

@Suite("ThemeFile: parsing, warnings, errors, fallbacks")
struct ThemeFileTests {
    func parse(_ text: String, file: String = "test.theme") throws -> ThemeFile.ParseResult {
        try ThemeFile.parse(text: text, fileName: file)
    }

    func error(_ text: String, file: String = "test.theme") -> ThemeError? {
        do {
            _ = try ThemeFile.parse(text: text, fileName: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func coloursInEveryForm() {
        #expect(ThemeFile.parseColor("#61afef") == .rgb(0x61, 0xaf, 0xef))
        #expect(ThemeFile.parseColor("#61AFEF") == .rgb(0x61, 0xaf, 0xef))
        #expect(ThemeFile.parseColor("#c6d") == .rgb(0xcc, 0x66, 0xdd))
        #expect(ThemeFile.parseColor("#fff") == .rgb(255, 255, 255))
        #expect(ThemeFile.parseColor("0") == .indexed(0))
        #expect(ThemeFile.parseColor("244") == .indexed(244))
        #expect(ThemeFile.parseColor("default") == .default)
        #expect(ThemeFile.parseColor("red") == .ansi(1))
        #expect(ThemeFile.parseColor("White") == .ansi(7))
        #expect(ThemeFile.parseColor("bright-black") == .ansi(8))
        #expect(ThemeFile.parseColor("bright_white") == .ansi(15))
        for bad in ["256", "-1", "#12", "#12345", "#ggg", "#", "purple", "bright-", "bright-orange", "1.5", "٣"] {
            #expect(ThemeFile.parseColor(bad) == nil, "\(bad)")
        }
    }

    @Test func valuesWithAttributesAndComments() throws {
        let result = try parse("""
        # a comment
          title = #61afef bold underline
        pin=magenta   # trailing comment
        split = 3 reverse # comment bold
        \r
        """)
        #expect(result.theme[.title] == Theme.Entry(.rgb(0x61, 0xaf, 0xef), [.bold, .underline]))
        #expect(result.theme[.pin] == Theme.Entry(.ansi(5)))
        #expect(result.theme[.split] == Theme.Entry(.indexed(3), .reverse))
        #expect(result.warnings.isEmpty)
        #expect(result.theme.name == "test")
    }

    @Test func missingKeysFallBackToDark() throws {
        let result = try parse("title = red\n")
        #expect(result.theme[.title] == Theme.Entry(.ansi(1)))
        #expect(result.theme[.border] == Theme.dark[.border])
        #expect(result.theme[.graphSLO] == Theme.dark[.graphSLO])
        #expect(result.missingRoles.count == ThemeRole.allCases.count - 1)
        #expect(!result.missingRoles.contains(.title))
        let empty = try parse("")
        #expect(empty.theme.entries == Theme.dark.entries)
    }

    @Test func unknownAndRepeatedKeysAreWarnings() throws {
        let result = try parse("""
        title = red
        sparkles = #fff bold
        title = blue
        """, file: "Themes/mine.theme")
        #expect(result.warnings.map(\.description) == [
            "Themes/mine.theme:2: warning: unknown key 'sparkles' ignored",
            "Themes/mine.theme:3: warning: 'title' repeats line 1; the later value wins",
        ])
        #expect(result.theme[.title].color == .ansi(4))
        #expect(result.theme.name == "mine")
    }

    @Test func keysIgnoreCaseUnderscoresAndDashes() throws {
        let result = try parse("What-If = red\nGRAPH_SLO = green\ngraphBattery = blue\nhint-key = 7")
        #expect(result.warnings.isEmpty)
        #expect(result.theme[.whatIf].color == .ansi(1))
        #expect(result.theme[.graphSLO].color == .ansi(2))
        #expect(result.theme[.graphBattery].color == .ansi(4))
        #expect(result.theme[.hintKey].color == .indexed(7))
    }

    @Test func brokenLinesNameFileAndLine() {
        #expect(error("title = red\n\n# ok\nborder #333\n")
            == ThemeError(file: "test.theme", line: 4, message: "expected 'role = colour', found 'border #333'"))
        #expect(error("title = blu", file: "x.theme")?.description == "x.theme:1: title: 'blu' is not a colour")
        #expect(error("\n\nborder =\n")?.description == "test.theme:3: border: missing colour after '='")
        #expect(error("title = red blinking")?.description
            == "test.theme:1: title: 'blinking' is not an attribute (bold, dim, reverse, underline, italic)")
        #expect(error(" = red")?.line == 1)
        #expect(error("title = #12345")?.line == 1)
        #expect(error("a\u{0}b")?.line == 1)
    }

    @Test func brokenValuesOfUnknownKeysAreStillErrors() {
        #expect(error("sparkles = notacolour")?.line == 1)
    }

    @Test func serialiseRoundTrips() throws {
        for theme in Theme.builtins {
            let text = ThemeFile.serialise(theme)
            let reparsed = try ThemeFile.parse(text: text, fileName: theme.name + ".theme")
            #expect(reparsed.theme == theme)
            #expect(reparsed.missingRoles.isEmpty)
        }
    }

    @Test func themeStylesUseBackgroundRolesAsBackgrounds() {
        let theme = Theme.dark
        #expect(theme.style(.title) == Style(fg: .rgb(0x61, 0xaf, 0xef), attributes: .bold))
        #expect(theme.style(.selection) == Style(bg: .rgb(0x3e, 0x44, 0x52)))
        #expect(Theme.light.baseStyle == Style(fg: .rgb(0x38, 0x3a, 0x42), bg: .rgb(0xfa, 0xfa, 0xfa)))
        #expect(Theme.mono.style(.selection) == Style(bg: .default, attributes: .reverse))
    }
}

@Suite("Built-in themes and the Themes folder")
struct BuiltinThemeFileTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    @Test(arguments: BuiltinThemeFiles.all.map(\.name))
    func embeddedCopyMatchesTheFile(name: String) throws {
        let file = try String(contentsOf: Self.themesFolder.appendingPathComponent(name + ".theme"), encoding: .utf8)
        let embedded = BuiltinThemeFiles.all.first { $0.name == name }?.text
        #expect(embedded == file, "Themes/\(name).theme and BuiltinThemeFiles.swift differ")
    }

    @Test(arguments: BuiltinThemeFiles.all.map(\.name))
    func builtinsSetEveryRoleWithoutWarnings(name: String) throws {
        let text = try #require(BuiltinThemeFiles.all.first { $0.name == name }?.text)
        let result = try ThemeFile.parse(text: text, fileName: name + ".theme")
        #expect(result.warnings.isEmpty)
        #expect(result.missingRoles.isEmpty)
        #expect(Theme.builtin(named: name) == result.theme)
    }

    @Test func monoUsesNoColourAndKeepsStatusesApart() {
        let mono = Theme.mono
        #expect(ThemeRole.allCases.allSatisfy { mono[$0].color == .default })
        let statuses: [ThemeRole] = [.ok, .warn, .error, .split, .pin, .selection]
        #expect(Set(statuses.map { mono[$0].attributes }).count == statuses.count)
    }

    @Test func highContrastSurvivesSixteenColours() {
        let theme = Theme.highContrast
        #expect(ThemeRole.allCases.allSatisfy { theme[$0].color.degraded(to: .ansi16) == theme[$0].color })
    }

    @Test func everyThemeHasADistinctName() {
        #expect(Set(Theme.builtins.map(\.name)) == ["dark", "light", "high-contrast", "mono"])
    }
}
