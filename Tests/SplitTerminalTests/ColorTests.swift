import Testing
@testable import SplitTerminal

@Suite("Colour degradation and mode detection")
struct ColorTests {
    @Test func rgbTo256UsesTheCubeOrTheGreyRamp() {
        #expect(Color.rgb(255, 0, 0).degraded(to: .indexed256) == .indexed(196))
        #expect(Color.rgb(128, 128, 128).degraded(to: .indexed256) == .indexed(244))
        #expect(Color.rgb(0, 0, 0).degraded(to: .indexed256) == .indexed(16))
        #expect(Color.rgb(255, 255, 255).degraded(to: .indexed256) == .indexed(231))
        #expect(Color.rgb(0x30, 0x30, 0x30).degraded(to: .indexed256) == .indexed(236))
        #expect(Color(hex: 0x5f87af).degraded(to: .indexed256) == .indexed(67))
        #expect(Color.rgb(0x61, 0xaf, 0xef).degraded(to: .indexed256) == .indexed(75))
    }

    @Test func nonRGBColoursSurvive256() {
        #expect(Color.indexed(42).degraded(to: .indexed256) == .indexed(42))
        #expect(Color.ansi(3).degraded(to: .indexed256) == .ansi(3))
        #expect(Color.default.degraded(to: .indexed256) == .default)
    }

    @Test func toSixteenPicksTheNearestANSIColour() {
        #expect(Color.rgb(255, 0, 0).degraded(to: .ansi16) == .ansi(9))
        #expect(Color.rgb(200, 0, 0).degraded(to: .ansi16) == .ansi(1))
        #expect(Color.rgb(128, 128, 128).degraded(to: .ansi16) == .ansi(8))
        #expect(Color.indexed(196).degraded(to: .ansi16) == .ansi(9))
        #expect(Color.indexed(4).degraded(to: .ansi16) == .ansi(4))
        #expect(Color.indexed(255).degraded(to: .ansi16) == .ansi(7))
        #expect(Color.ansi(12).degraded(to: .ansi16) == .ansi(12))
    }

    @Test func monochromeDropsColourAndTrueColorKeepsIt() {
        #expect(Color.rgb(1, 2, 3).degraded(to: .monochrome) == .default)
        #expect(Color.ansi(1).degraded(to: .monochrome) == .default)
        #expect(Color.rgb(1, 2, 3).degraded(to: .trueColor) == .rgb(1, 2, 3))
    }

    @Test func detectHonoursNoColorFirst() {
        #expect(ColorMode.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], colors: 256) == .monochrome)
        #expect(ColorMode.detect(environment: ["NO_COLOR": ""], colors: 256) == .monochrome)
    }

    @Test func detectFromTheColourCount() {
        #expect(ColorMode.detect(environment: [:], colors: 256) == .indexed256)
        #expect(ColorMode.detect(environment: [:], colors: 16) == .ansi16)
        #expect(ColorMode.detect(environment: [:], colors: 8) == .ansi16)
        #expect(ColorMode.detect(environment: [:], colors: 2) == .monochrome)
        #expect(ColorMode.detect(environment: [:], colors: 0) == .monochrome)
    }

    @Test func trueColorOnlyWhereTheOutputCanWriteIt() {
        let env = ["COLORTERM": "truecolor"]
        #expect(ColorMode.detect(environment: env, colors: 256) == .indexed256)
        #expect(ColorMode.detect(environment: env, colors: 256, allowsTrueColor: true) == .trueColor)
        #expect(ColorMode.detect(environment: ["COLORTERM": "24bit"], colors: 256, allowsTrueColor: true) == .trueColor)
        #expect(ColorMode.detect(environment: env, colors: 8, allowsTrueColor: true) == .ansi16)
    }

    @Test func descriptionsAreCompact() {
        #expect(Color.rgb(255, 0, 10).description == "#ff000a")
        #expect(Color.indexed(7).description == "idx:7")
        #expect(Color.ansi(9).description == "ansi:9")
        #expect(Color.default.description == "default")
    }
}
