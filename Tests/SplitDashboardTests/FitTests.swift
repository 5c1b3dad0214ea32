import Foundation
import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// Every panel at 80×24, 120×40 and 200×60 with long values and several overrides: text shortens
/// in stages and whole words, never in the middle of a number, and the clock is never cut.
@Suite("Dashboard text fits")
struct FitTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40), TerminalSize(width: 200, height: 60)]

    /// The ResNet-50 session at 2:51 with five overrides and absurdly long numbers everywhere.
    static func crowdedState(size: TerminalSize, glyphs: GlyphSet) throws -> DashboardState {
        var state = try GoldenTests.state("SampleTraces/sessions/resnet50-lte-walk.jsonl", at: 171, size: size, glyphs: glyphs)
        let long = FrameEvent(frame: 99_999, partition: .split(150), predictedMs: 123_456.7, deviceMs: 98_765.4, bytesSent: 987_654_321,
                              transferMs: 87_654.3, edgeMs: 1234.5, totalMs: 123_456.7, energyMJ: 98_765_432.1, batteryPct: 100,
                              bandwidthEstimateMbps: 123_456.7, outcome: .ok)
        _ = state.reduce(.loaded([TimedEvent(t: 171, event: .frame(long)),
                                  TimedEvent(t: 171, event: .link(LinkEvent(bandwidthMbps: 987_654.3, rttMs: 20, source: .trace)))],
                                 upTo: 171, reset: false))
        state.duration = 35_999.9
        state.skippedLines = 12_345
        for (key, text) in [("s", "86400000"), ("m", "999999999"), ("b", "999999.5"), ("f", "99.5")] {
            _ = state.reduce(.key(.character(Character(key))))
            for c in text { _ = state.reduce(.key(.character(c))) }
            _ = state.reduce(.key(.enter))
        }
        _ = state.reduce(.key(.left))
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.key(.character("p")))
        return state
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func nothingIsCutMidNumberAndTheClockIsWhole(glyphs: GlyphSet) throws {
        for size in Self.sizes {
            let state = try Self.crowdedState(size: size, glyphs: glyphs)
            #expect(state.whatIf?.overrides.count == 6)
            let lines = DashboardView.render(state, size: size).lines
            let ellipsis = glyphs.isUnicode ? "…" : "~"
            for (row, line) in lines.enumerated() {
                // A digit, or a digit and a point or comma, right before the ellipsis is a cut number.
                let characters = Array(line)
                for (i, c) in characters.enumerated() where String(c) == ellipsis && i > 0 {
                    let before = characters[i - 1]
                    let cut = before.isNumber || ((before == "." || before == ",") && i > 1 && characters[i - 2].isNumber)
                    #expect(!cut, "row \(row) at \(size.width)×\(size.height) cuts a number:\n\(line)")
                }
            }
            #expect(lines[0].contains("02:51.0 / 599:59.9"), "the clock is whole at \(size.width)×\(size.height):\n\(lines[0])")
            let screen = lines.joined(separator: "\n")
            #expect(screen.contains("WHAT-IF"))
            #expect(screen.contains("now \(glyphs.isUnicode ? "·" : "-") what-if"), "the gauges say they show the what-if")
        }
    }

    @Test func theHeaderShortensLeastImportantFirst() throws {
        let wide = try Self.crowdedState(size: TerminalSize(width: 200, height: 60), glyphs: .unicode)
        let header200 = DashboardView.render(wide, size: wide.size).lines[0]
        #expect(header200.contains("splitscope") && header200.contains("WHAT-IF (6 overrides)") && header200.contains("frames/s"),
                "six long overrides are counted, not cut:\n\(header200)")
        let narrow = try Self.crowdedState(size: TerminalSize(width: 80, height: 24), glyphs: .unicode)
        let header80 = DashboardView.render(narrow, size: narrow.size).lines[0]
        #expect(!header80.contains("splitscope"), "the program name goes before anything that informs")
        #expect(header80.contains("resnet50") && header80.contains("WHAT-IF"))
    }

    @Test func wordTruncationKeepsNumbersWhole() {
        #expect(TerminalWidth.truncateWords("latency / SLO 221.5 / 1500 ms", to: 24) == "latency / SLO 221.5 /…")
        #expect(TerminalWidth.truncateWords("latency / SLO 221.5 / 1500 ms", to: 21) == "latency / SLO 221.5 …")
        #expect(TerminalWidth.truncateWords("  Transfer queue", to: 9) == "  Transf…")
        #expect(TerminalWidth.truncateWords("123456789", to: 5) == "…")
        #expect(TerminalWidth.truncateWords("fits", to: 4) == "fits")
    }
}

/// A live device slowed down says so on screen, since every device time shown is stretched.
@Suite("Device slowdown on screen")
struct DeviceSlowdownTests {
    @Test func theLayerViewTitleNamesTheSlowdownAndOnlyWhenThereIsOne() {
        var header = handHeader()
        header.device = SessionDeviceInfo(name: "device", compute: "measured here, 1 thread(s) × 12 slowdown")
        let slowed = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        let screen = DashboardView.render(slowed, size: TerminalSize(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(screen.contains("device × 12 slowdown"), "\(screen)")
        header.device = SessionDeviceInfo(name: "device", compute: "measured here, 1 thread(s)")
        let plain = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        let plainScreen = DashboardView.render(plain, size: TerminalSize(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(!plainScreen.contains("slowdown"))
    }
}
