import Foundation
import Testing

/// `splitscope demo` as a new user runs it: no flags, from a folder that is not the checkout.
@Suite("Demo end to end")
struct DemoEndToEndTests {
    /// The lines of a recording, with the header first.
    static func recording(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (scripts/setup installs it)"))
    func withNoFlagsTheDashboardShowsTheLivePairAndTheRecordingIsNamedAtExit() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let tmux = try TmuxSession(command: "cd \(dir.path) && env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "
            + "\(SplitscopeBinary.path) demo; echo \"EXITED $?\"; sleep 60")
        try tmux.waitFor("the live dashboard of the demo") { $0.contains("LIVE") && $0.contains("demo:") }
        // The device's first decision reaches the dashboard's log.
        try tmux.waitFor("the first decision in the log") { $0.contains("split - ") && $0.contains("start") }
        try tmux.send("q")
        let exited = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(exited?.contains("EXITED 0") == true)
        let history = try tmux.captureWithHistory()
        let named = history.split(separator: "\n").first { $0.contains("session recorded to ") }
        let name = try #require(named.flatMap { $0.split(separator: " ").first { $0.hasPrefix("splitscope-demo-") } })
            .trimmingCharacters(in: CharacterSet(charactersIn: ";"))
        let lines = try Self.recording(dir.appendingPathComponent(name).path)
        #expect(lines.first?.contains(#""source":"live""#) == true)
        #expect(lines.contains { $0.contains(#""type":"frame""#) && $0.contains(#""outcome":"ok""#) })
    }

    @Test func headlessItRecordsWhereToldAndPrintsTheSummary() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let record = dir.appendingPathComponent("demo.jsonl").path
        let result = try SplitscopeBinary.run(["demo", "--duration", "4", "--record", record])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("session recorded to \(record)"))
        #expect(result.stdout.contains("frames/s processed"))
        let lines = try Self.recording(record)
        #expect(lines.first?.contains(#""source":"live""#) == true)
        let frames = lines.filter { $0.contains(#""type":"frame""#) && $0.contains(#""outcome":"ok""#) }
        #expect(frames.count >= 4, "a 4 s demo at 10 frames/s finishes some frames: \(frames.count)")
    }

    @Test func badFlagsAreUsageErrors() throws {
        let negative = try SplitscopeBinary.run(["demo", "--duration", "-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--duration") && negative.stderr.contains("-1"), "\(negative.stderr)")
        let missing = try SplitscopeBinary.run(["demo", "--duration", "1", "--bandwidth-trace", "/nonexistent/trace"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/trace"))
        let unwritable = try SplitscopeBinary.run(["demo", "--duration", "1", "--record", "/nonexistent/dir/x.jsonl"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("--record"))
    }
}
