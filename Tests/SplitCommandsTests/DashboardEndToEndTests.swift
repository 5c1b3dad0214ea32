import Foundation
import Testing

/// The dashboard as a person uses it: the real binary in tmux, keys typed, the screen read back.
@Suite("Dashboard end to end", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (scripts/setup installs it)"))
struct DashboardEndToEndTests {
    static let session = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleTraces/sessions/resnet50-lte-walk.jsonl").path

    /// A shell line that replays, then reports the exit status and the terminal modes after it.
    static func command(_ extra: String = "") -> String {
        // The shell catches SIGINT (so a Ctrl-C ends splitscope, not the pane); a caught signal is
        // back to its default in the child, where the backend installs its own handler.
        "trap 'true' INT; env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(SplitscopeBinary.path) replay \(session) \(extra); "
            + "echo \"EXITED $?\"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60"
    }

    @Test func pinASplitSeeWhatIfQuitAndGetTheTerminalBack() throws {
        let tmux = try TmuxSession(command: Self.command("--speed 2"))
        try tmux.waitFor("the dashboard") { $0.contains("REPLAY") && $0.contains("layers") && $0.contains("decisions") }
        // Move the cursor three layers left of device-only and pin the split there.
        try tmux.send("Left", "Left", "Left", "Enter")
        let pinned = try tmux.waitFor("the pin and the what-if marker") { $0.contains("WHAT-IF") && $0.contains("pinned at 172") }
        #expect(pinned?.contains("what-if: pin") == true, "the log shows the operator action")
        try tmux.send("r")
        try tmux.waitFor("the recording again") { !$0.contains("WHAT-IF") && $0.contains("showing the recording") }
        try tmux.send("q")
        let after = try tmux.waitFor("the exit status") { $0.contains("EXITED") }
        #expect(after?.contains("EXITED 0") == true)
        // The dashboard is gone (alternate screen left) and the terminal is back in cooked mode with echo.
        let modes = try tmux.waitFor("the terminal modes") { $0.contains("icanon") } ?? ""
        #expect(!modes.contains("decisions · operator"))
        #expect(modes.contains(" icanon") || modes.hasPrefix("icanon") || modes.contains("\nicanon"))
        #expect(!modes.contains("-icanon"), "canonical mode must be restored:\n\(modes)")
        #expect(!modes.contains("-echo "), "echo must be restored:\n\(modes)")
    }

    @Test func helpPauseAndTheConstraintPrompt() throws {
        let tmux = try TmuxSession(command: Self.command())
        try tmux.waitFor("the dashboard") { $0.contains("REPLAY") }
        try tmux.send("?")
        try tmux.waitFor("the help overlay") { $0.contains("splitscope keys") && $0.contains("pin the split at the cursor") }
        try tmux.send("Escape")
        try tmux.waitFor("the help to close") { !$0.contains("splitscope keys") }
        try tmux.send("Space")
        try tmux.waitFor("pause") { $0.contains("PAUSED") }
        try tmux.send("s")
        try tmux.waitFor("the SLO prompt") { $0.contains("latency SLO (ms)") }
        try tmux.send("BSpace", "BSpace", "BSpace", "BSpace", "0", "Enter")
        try tmux.waitFor("the validation error") { $0.contains("greater than 0") }
        try tmux.send("BSpace", "9", "0", "Enter")
        try tmux.waitFor("the what-if with the new SLO") { $0.contains("WHAT-IF") && $0.contains("slo_ms") }
        try tmux.send("C-c")
        let exited = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(exited?.contains("EXITED 0") == true || exited?.contains("EXITED 130") == true)
        #expect(exited?.contains("-icanon") == false, "Ctrl-C must restore the terminal too")
    }

    @Test func aTinyTerminalGetsAMessageNotABrokenLayout() throws {
        let tmux = try TmuxSession(command: Self.command(), width: 60, height: 20)
        try tmux.waitFor("the size message") { $0.contains("needs at least 80×24") }
        try tmux.send("q")
        try tmux.waitFor("the exit") { $0.contains("EXITED 0") }
    }

    @Test func aBrokenThemeFallsBackToTheDefaultAndSaysWhere() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let theme = dir.appendingPathComponent("broken.theme")
        try "# a theme\naccent = #12345\n".write(to: theme, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: Self.command("--theme \(theme.path)"))
        try tmux.waitFor("the theme error in the status line") { $0.contains("REPLAY") && $0.contains("broken.theme:2") }
        try tmux.send("q")
        let after = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(after?.contains("EXITED 0") == true)
        #expect(after?.contains("broken.theme:2") == true, "the message names the file and line")
        #expect(after?.contains("default") == true, "and says the default theme was used")
    }

    @Test func noColorDrawsWithoutColours() throws {
        let tmux = try TmuxSession(command: "NO_COLOR=1 " + Self.command())
        try tmux.waitFor("the dashboard") { $0.contains("REPLAY") && $0.contains("decisions") }
        let styled = try tmux.captureWithEscapes()
        // SGR colour codes are 3x/4x (16 colours) or 38;5 / 48;5 (256); bold and reverse stay.
        #expect(!styled.contains("[38;5;") && !styled.contains("[48;5;"), "no 256-colour codes under NO_COLOR")
        #expect(styled.contains("[1m") || styled.contains(";1m") || styled.contains("[7m") || styled.contains(";7m"),
                "meaning survives in bold and reverse")
        try tmux.send("q")
        try tmux.waitFor("the exit") { $0.contains("EXITED") }
    }

    @Test func badInputExitsTwoBeforeTouchingTheTerminal() throws {
        let missing = try SplitscopeBinary.run(["replay", "/nonexistent/session.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/session.jsonl"))
        let speed = try SplitscopeBinary.run(["replay", Self.session, "--speed", "100"])
        #expect(speed.status == 2 && speed.stderr.contains("--speed"))
        let notATerminal = try SplitscopeBinary.run(["replay", Self.session])
        #expect(notATerminal.status == 1)
        #expect(notATerminal.stderr.contains("terminal"))
    }
}
