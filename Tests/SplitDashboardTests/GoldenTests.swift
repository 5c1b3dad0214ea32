import Foundation
import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// Rendered frames of the sample sessions, compared with golden files (text, then text with colours).
@Suite("Dashboard golden frames")
struct GoldenTests {
    static let sessions = [
        ("chain", "SampleTraces/sessions/vgg16-lte-drive.jsonl"),
        ("dag", "SampleTraces/sessions/resnet50-lte-walk.jsonl"),
    ]
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40), TerminalSize(width: 200, height: 60)]

    /// The dashboard after replaying a session to `t`, as the runner would build it.
    static func state(_ path: String, at t: Double, size: TerminalSize, glyphs: GlyphSet = .unicode,
                      themes: [Theme] = Theme.builtins) throws -> DashboardState {
        let index = try SessionIndex.open(path: packageRoot.appendingPathComponent(path).path)
        let feed = ReplayFeed(index: index)
        var state = DashboardState(context: SessionContext(header: index.header), duration: index.duration,
                                   mode: .replay(speed: 4, paused: false), themes: themes, glyphs: glyphs, size: size)
        for action in feed.perform(.reload(at: t)) { _ = state.reduce(action) }
        return state
    }

    @Test(arguments: sessions)
    func framesAtThreeSizes(kind: String, path: String) throws {
        for size in Self.sizes {
            let state = try Self.state(path, at: 45, size: size)
            let buffer = DashboardView.render(state, size: size)
            let name = "\(kind)-\(size.width)x\(size.height)"
            #expect(try matchesGolden(buffer.lines.joined(separator: "\n") + "\n", named: "\(name).txt"))
            #expect(try matchesGolden(buffer.styledSnapshot(), named: "\(name).styled.txt"))
        }
    }

    @Test func whatIfMarksWhatIsResimulated() throws {
        var state = try Self.state("SampleTraces/sessions/resnet50-lte-walk.jsonl", at: 45, size: TerminalSize(width: 120, height: 40))
        for key: KeyEvent in [.left, .left, .left, .left, .enter] { _ = state.reduce(.key(key)) }
        let feed = ReplayFeed(index: try SessionIndex.open(path: packageRoot.appendingPathComponent("SampleTraces/sessions/resnet50-lte-walk.jsonl").path))
        for action in feed.perform(.load(from: 45, to: 50)) { _ = state.reduce(action) }
        let text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(text.contains("WHAT-IF"))
        #expect(text.contains("pinned at 171"))
        #expect(text.contains("split w-if"))
        #expect(try matchesGolden(text + "\n", named: "dag-whatif-120x40.txt"))
    }

    @Test func asciiAndMonochromeKeepTheMeaning() throws {
        let state = try Self.state("SampleTraces/sessions/vgg16-lte-drive.jsonl", at: 45, size: TerminalSize(width: 80, height: 24),
                                   glyphs: .ascii, themes: [Theme.mono])
        let buffer = DashboardView.render(state, size: state.size)
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "a non-UTF-8 terminal gets ASCII only")
        #expect(try matchesGolden(text + "\n", named: "chain-ascii-80x24.txt"))
        #expect(try matchesGolden(buffer.styledSnapshot(), named: "chain-ascii-80x24.styled.txt"))
    }

    @Test func aSmallTerminalGetsAMessage() throws {
        let state = try Self.state("SampleTraces/sessions/vgg16-lte-drive.jsonl", at: 10, size: TerminalSize(width: 60, height: 20))
        let text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(text.contains("needs at least 80×24"))
        #expect(text.contains("60×20"))
    }

    @Test func theHelpOverlayListsEveryBinding() throws {
        var state = try Self.state("SampleTraces/sessions/vgg16-lte-drive.jsonl", at: 10, size: TerminalSize(width: 120, height: 40))
        _ = state.reduce(.key(.character("?")))
        let text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        for entry in DashboardBindings.entries {
            #expect(text.contains(entry.description), "help lacks \(entry.description)")
        }
    }
}
