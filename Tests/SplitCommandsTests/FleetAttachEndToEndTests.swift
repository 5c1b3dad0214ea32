import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `attach A,B` as an operator uses it: the real binary in tmux on two real `simulate --control` sessions.
@Suite("Attach to several devices end to end", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (scripts/setup installs it)"))
struct FleetAttachEndToEndTests {
    @Test func aPinWhileDeviceTwoIsShownReachesDeviceTwoOnlyAndALostDeviceIsShownForItself() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let firstOut = dir.appendingPathComponent("first.jsonl").path
        let secondOut = dir.appendingPathComponent("second.jsonl").path
        let (first, firstPort) = try AttachEndToEndTests.startSession(out: firstOut)
        defer { if first.isRunning { first.terminate() } }
        let (second, secondPort) = try AttachEndToEndTests.startSession(out: secondOut)
        defer { if second.isRunning { second.terminate() } }
        let tmux = try TmuxSession(command: "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(SplitscopeBinary.path) attach "
            + "127.0.0.1:\(firstPort),127.0.0.1:\(secondPort); echo \"EXITED $?\"; sleep 60", width: 140, height: 40)
        try tmux.waitFor("both devices in one dashboard") { $0.contains("LIVE") && $0.contains("device 1/2") && $0.contains("attached to 2 devices") }
        try tmux.send("d")
        try tmux.waitFor("device 2 shown") { $0.contains("device 2/2") && $0.contains("@127.0.0.1:\(secondPort)") }
        try tmux.send("End", "Left", "Left", "Left", "Enter")
        try tmux.waitFor("the operator event coming back from device 2's session") {
            $0.contains("operator pin partition") && $0.contains("operator_pin")
        }
        let secondLines = try String(contentsOfFile: secondOut, encoding: .utf8)
        #expect(secondLines.contains(#""type":"operator""#))
        // Device 1's session, still running, got no command.
        let firstLines = try String(contentsOfFile: firstOut, encoding: .utf8)
        #expect(!firstLines.contains(#""type":"operator""#))
        // Device 1 dies: shown for device 1, while device 2 stays connected.
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        try tmux.waitFor("device 1's lost connection, device 2 still connected") {
            $0.contains("device 2/2") && $0.contains("127.0.0.1:\(firstPort)") && !$0.contains("DISC")
        }
        try tmux.send("d")
        try tmux.waitFor("device 1 shown as disconnected") { $0.contains("device 1/2") && $0.contains("DISCONNECTED") }
        try tmux.send("q")
        let exited = try tmux.waitFor("the exit") { $0.contains("EXITED") }
        #expect(exited?.contains("EXITED 0") == true)
    }
}
