import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        try tmux.waitFor("the dashboard's first frame", timeout: 180) { $0.contains("REPLAY") && !$0.contains("waiting for the first frame") }
        try tmux.send("?")
        try tmux.waitFor("the help overlay") { $0.contains("splitscope keys") && $0.contains("pin the split at the cursor") }
        try tmux.send("Escape")
        try tmux.waitFor("the help to close") { !$0.contains("splitscope keys") }
        try tmux.send("Space")
        try tmux.waitFor("pause") { $0.contains("PAUSED") }
        try tmux.send("s")
        try tmux.waitFor("the SLO prompt with the SLO in force as a hint") { $0.contains("latency SLO (ms)") && $0.contains("now 150") }
        try tmux.send("0", "Enter")
        try tmux.waitFor("the validation error") { $0.contains("enter from 0.001 to 86400000 ms") }
        try tmux.send("BSpace", "9", "0", "Enter")
        try tmux.waitFor("the what-if with the new SLO") { $0.contains("WHAT-IF") && $0.contains("slo_ms") }
        try tmux.send("C-c")
        let exited = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(exited?.contains("EXITED 130") == true, "Ctrl-C quits the dashboard like q, with the status of SIGINT")
        #expect(exited?.contains("-icanon") == false, "Ctrl-C must restore the terminal too")
    }

    @Test func theHelpScrollsAt80x24AndOnlyEscQuestionMarkOrQCloseIt() throws {
        let tmux = try TmuxSession(command: Self.command("--speed 0.25"), width: 80, height: 24)
        try tmux.waitFor("the dashboard's first frame", timeout: 180) { $0.contains("REPLAY") && !$0.contains("waiting for the first frame") }
        try tmux.send("?")
        let first = try tmux.waitFor("the first page of the help") { $0.contains("splitscope keys") && $0.contains("rows 1-22 of") } ?? ""
        #expect(!first.contains("cycle the theme"), "the last binding is below the first page")
        try tmux.send("NPage")
        try tmux.waitFor("the last page") { $0.contains("cycle the theme") && !$0.contains("rows 1-22") }
        try tmux.send("x")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try tmux.capture().contains("splitscope keys"), "another key does not close the help")
        try tmux.send("Up")
        try tmux.waitFor("one row up") { $0.contains("splitscope keys") && !$0.contains("cycle the theme") }
        try tmux.send("Escape")
        try tmux.waitFor("the help to close") { !$0.contains("splitscope keys") }
        try tmux.send("q")
        try tmux.waitFor("the exit") { $0.contains("EXITED 0") }
    }

    @Test func extremeValuesInThePromptsGiveInlineErrors() throws {
        let tmux = try TmuxSession(command: Self.command("--speed 0.25"), width: 120, height: 40)
        try tmux.waitFor("the dashboard's first frame", timeout: 180) { $0.contains("REPLAY") && !$0.contains("waiting for the first frame") }
        try tmux.send("b")
        try tmux.waitFor("the cap prompt with no cap set") { $0.contains("bandwidth cap (Mbit/s)") && $0.contains("now unset") }
        try tmux.send("a")
        try tmux.waitFor("the message for a letter") { $0.contains("'a' cannot be part of a number") }
        try tmux.send("-l", "1e-310")
        try tmux.send("Enter")
        try tmux.waitFor("the range error") { $0.contains("enter from 0.000001 to 1000000 Mbit/s") || $0.contains("enter from 1e-06 to 1000000 Mbit/s") }
        try tmux.send("Escape", "m")
        try tmux.send("-l", "1e13")
        try tmux.send("Enter")
        try tmux.waitFor("the memory range error") { $0.contains("enter from") && $0.contains("MB") }
        try tmux.send("Escape", "s")
        try tmux.send("-l", "1e308")
        try tmux.send("Enter")
        try tmux.waitFor("the SLO range error") { $0.contains("enter from 0.001 to 86400000 ms") }
        try tmux.send("Escape", "q")
        try tmux.waitFor("the exit") { $0.contains("EXITED 0") }
    }

    @Test func sigtermQuitsWith143AndGivesTheTerminalBack() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pidFile = dir.appendingPathComponent("pid").path
        // The inner shell writes its pid and becomes splitscope, so the pid is splitscope's.
        let command = "trap 'true' INT; sh -c 'echo $$ > \(pidFile); exec env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "
            + "\(SplitscopeBinary.path) replay \(Self.session)'; echo \"EXITED $?\"; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60"
        let tmux = try TmuxSession(command: command)
        try tmux.waitFor("the dashboard's first frame", timeout: 180) { $0.contains("REPLAY") && !$0.contains("waiting for the first frame") }
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        #expect(kill(pid, SIGTERM) == 0)
        let after = try tmux.waitFor("the exit status") { $0.contains("EXITED") && $0.contains("icanon") } ?? ""
        #expect(after.contains("EXITED 143"), "SIGTERM ends the dashboard with 128 + 15:\n\(after)")
        #expect(!after.contains("-icanon") && !after.contains("-echo "), "the terminal is restored:\n\(after)")
        #expect(!after.contains("decisions · operator"))
    }

    @Test func aCrashWithTheDashboardUpLeavesAReadableTerminal() throws {
        // The runtime's backtracer would wait for a key on a terminal; the report must still follow the restore.
        // Symbolication is off: looking up a debug binary's symbols took over a minute on a loaded machine,
        // and what is checked here is the terminal after the crash, not the backtrace's names.
        let tmux = try TmuxSession(command: "export SWIFT_BACKTRACE=interactive=no,symbolicate=off SPLITSCOPE_DEBUG_CRASH_AFTER_DRAW=1; "
            + Self.command())
        let after = try tmux.waitFor("the exit status", timeout: 180) { $0.contains("EXITED") && $0.contains("icanon") } ?? ""
        // A Swift runtime trap is SIGILL (132) on x86-64, SIGTRAP (133) on arm64.
        #expect(after.contains("EXITED 132") || after.contains("EXITED 133") || after.contains("EXITED 134"), "died of the trap:\n\(after)")
        #expect(!after.contains("-icanon") && !after.contains("-echo "), "the fatal-signal handler restored the terminal:\n\(after)")
        #expect(!after.contains("decisions · operator"), "the dashboard's screen is gone")
        // stderr was captured while the screen was up and written out after the restore, so the
        // runtime's own one-line message is not lost with the alternate screen.
        let history = try tmux.captureWithHistory()
        #expect(history.contains("Fatal error") && history.contains("Index out of range"),
                "the runtime's message is readable after the restore:\n\(history.prefix(2000))")
        let lines = after.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("Backtrace took") || $0.hasPrefix("EXITED") },
                "the report starts its lines at the left edge (no staircase):\n\(after)")
    }

    @Test func aDumbTerminalGetsAClearMessageAndExitTwo() throws {
        let command = "TERM=dumb \(SplitscopeBinary.path) replay \(Self.session) 2>&1; echo \"EXITED $?\"; sleep 60"
        let tmux = try TmuxSession(command: command)
        let after = try tmux.waitFor("the exit status") { $0.contains("EXITED") } ?? ""
        #expect(after.contains("EXITED 2"))
        #expect(after.replacingOccurrences(of: "\n", with: "").contains("cannot move the cursor"), "\(after)")
    }

    @Test func aDamagedRecordingSaysHowManyLinesWereSkipped() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = try String(contentsOfFile: Self.session, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines.insert("{\"type\":\"frame\",\"t\":", at: 5)
        lines.insert("not json at all", at: 9)
        let damaged = dir.appendingPathComponent("damaged.jsonl")
        try lines.joined(separator: "\n").write(to: damaged, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: Self.command().replacingOccurrences(of: Self.session, with: damaged.path), width: 120, height: 40)
        let screen = try tmux.waitFor("the skipped-lines notice") { $0.contains("2 damaged lines skipped") && $0.contains("skipped 2 damaged lines") } ?? ""
        #expect(screen.contains("REPLAY"))
        try tmux.send("q")
        try tmux.waitFor("the exit") { $0.contains("EXITED 0") }
    }

    @Test func aTinyTerminalGetsAMessageNotABrokenLayout() throws {
        let tmux = try TmuxSession(command: Self.command(), width: 60, height: 20)
        try tmux.waitFor("the size message") { $0.contains("needs at least 80×24") }
        try tmux.send("q")
        try tmux.waitFor("the exit") { $0.contains("EXITED 0") }
    }

    @Test func aBrokenThemeFallsBackToTheDefaultAndSaysWhere() throws {
        // A long path, as under CI's TMPDIR: the status line still shows the file's name, line and reason.
        let dir = try SplitscopeBinary.temporaryDirectory()
            .appendingPathComponent("a-folder-whose-name-alone-would-fill-most-of-the-status-line-at-eighty-columns")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let theme = dir.appendingPathComponent("broken.theme")
        try "# a theme\naccent = #12345\n".write(to: theme, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: Self.command("--theme \(theme.path)"))
        try tmux.waitFor("the theme error in the status line") { $0.contains("REPLAY") && $0.contains("broken.theme:2") }
        try tmux.send("q")
        let after = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(after?.contains("EXITED 0") == true)
        // (tmux wraps the long line: join the rows before looking.)
        let joined = after?.replacingOccurrences(of: "\n", with: "") ?? ""
        #expect(joined.contains("broken.theme:2"), "the message names the file and line")
        #expect(joined.contains("default"), "and says the default theme was used")
        #expect(joined.contains(theme.deletingLastPathComponent().lastPathComponent), "after the dashboard, with its whole path")
    }

    @Test func noColorDrawsWithoutColours() throws {
        let tmux = try TmuxSession(command: "export NO_COLOR=1; " + Self.command())
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
        // Said once, not as "cannot start the dashboard: cannot start the terminal UI: …".
        #expect(notATerminal.stderr == "splitscope: cannot start the terminal UI: standard input and output must be a terminal\n",
                "\(notATerminal.stderr)")
    }
}
