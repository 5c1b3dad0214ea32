import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `attach` as an operator uses it: the real binary in tmux on a real `simulate --control` session.
@Suite("Attach end to end", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (scripts/setup installs it)"))
struct AttachEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts `simulate --control 127.0.0.1:0 --pace realtime` and returns it with the port it announced.
    static func startSession(out: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SplitscopeBinary.path)
        process.arguments = ["simulate", "--model", "resnet18", "--bandwidth-trace",
                             root.appendingPathComponent("SampleTraces/traces/lumos5g-5g_trace_4_walking").path,
                             "--policy", "neurosurgeon", "--duration", "300", "--control", "127.0.0.1:0", "--pace", "realtime",
                             "--clock", "fixed", "--out", out]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The first line on stderr names the port: "control port listening on 127.0.0.1:PORT …".
        var text = ""
        let handle = err.fileHandleForReading
        while !text.contains("\n") {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let port = text.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }
            .flatMap { Int($0.dropFirst("127.0.0.1:".count)) }
        guard let port else {
            process.terminate()
            throw TmuxError.spawn("simulate did not announce its control port: \(text)")
        }
        return (process, port)
    }

    @Test func pinFromTheDashboardReachesTheControllerAndALostSessionIsShown() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("live.jsonl").path
        let (session, port) = try Self.startSession(out: out)
        defer { if session.isRunning { session.terminate() } }
        let tmux = try TmuxSession(command: "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(SplitscopeBinary.path) attach 127.0.0.1:\(port); "
            + "echo \"EXITED $?\"; sleep 60")
        try tmux.waitFor("the live dashboard") { $0.contains("LIVE") && $0.contains("layers") && $0.contains("attached to 127.0.0.1:\(port)") }
        // Seeking is off in a live session, and says so.
        try tmux.send("[")
        try tmux.waitFor("the seek refusal") { $0.contains("seeking is off") }
        // Three layers left of device-only, pinned: sent to the session's controller, not a what-if.
        try tmux.send("End", "Left", "Left", "Left", "Enter")
        let pinned = try tmux.waitFor("the operator event coming back from the session") {
            $0.contains("operator pin partition") && $0.contains("operator_pin")
        }
        #expect(pinned?.contains("WHAT-IF") == false)
        // The recording shows the operator event, and the frames after it use the pinned split.
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let pinLine = try #require(lines.firstIndex { $0.contains(#""type":"operator""#) && $0.contains(#""action":"pin""#) })
        #expect(lines[pinLine].contains(#""new":{"split":"#))
        let splitText = lines[pinLine].split(separator: "\"split\":").last.map { String($0.prefix { $0.isNumber }) } ?? ""
        let framesAfter = lines[pinLine...].filter { $0.contains(#""type":"frame""#) && !$0.contains(#""outcome":"dropped""#) }
        #expect(framesAfter.first?.contains(#""partition":{"split":\#(splitText)}"#) == true,
                "the first frame after the pin uses split \(splitText): \(framesAfter.first ?? "none yet")")
        // The session dies: the dashboard says so and keeps running.
        kill(session.processIdentifier, SIGKILL)
        session.waitUntilExit()
        try tmux.waitFor("the lost connection") { $0.contains("lost") || $0.contains("cannot reach") }
        let lost = try tmux.waitFor("retrying with backoff, the header saying so") {
            $0.contains("lost — retrying (500 ms, doubling to 8 s)") && $0.contains("LIVE") && $0.contains("DISC")
        }
        // Said once: the retries are quiet.
        #expect(lost?.contains("cannot reach") == false)
        try tmux.send("q")
        let exited = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(exited?.contains("EXITED 0") == true)
    }

    @Test func attachingToNothingSaysSoAndExits() throws {
        let result = try SplitscopeBinary.run(["attach", "127.0.0.1:1", "--timeout", "1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot connect to 127.0.0.1:1"))
        let bad = try SplitscopeBinary.run(["attach", "nowhere"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("HOST:PORT"))
    }

    @Test func simulateRefusesAnOpenControlPortWithoutAToken() throws {
        let result = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace",
                                               Self.root.appendingPathComponent("SampleTraces/traces/lumos5g-5g_trace_4_walking").path,
                                               "--policy", "mincut", "--control", "0.0.0.0:0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--control") && result.stderr.contains("without --token"))
        let pace = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace",
                                             Self.root.appendingPathComponent("SampleTraces/traces/lumos5g-5g_trace_4_walking").path,
                                             "--pace", "fast"])
        #expect(pace.status == 2)
        #expect(pace.stderr.contains("--pace"))
        let token = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace",
                                              Self.root.appendingPathComponent("SampleTraces/traces/lumos5g-5g_trace_4_walking").path,
                                              "--token", "t"])
        #expect(token.status == 2)
        #expect(token.stderr.contains("--token is for the control port"))
    }

    @Test func aPacedSessionRecordsWhatAnUnpacedOneDoes() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let trace = Self.root.appendingPathComponent("SampleTraces/traces/lumos5g-5g_trace_4_walking").path
        var files: [String] = []
        for pace in [nil, "100"] {
            let out = dir.appendingPathComponent("paced-\(pace ?? "none").jsonl").path
            let result = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", trace, "--policy", "dsc",
                                                   "--duration", "3", "--clock", "fixed", "--out", out] + (pace.map { ["--pace", $0] } ?? []))
            #expect(result.status == 0, "\(result.stderr)")
            files.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(files[0] == files[1], "pacing holds the session to the clock without changing it")
        #expect(files[0].contains(#""type":"frame""#))
    }
}
