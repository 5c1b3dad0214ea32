import Foundation
import Testing

/// A recording of several devices (`simulate --devices N --out`) replayed in the real binary in
/// tmux: the header names the device shown, `d` switches, `e` shows the edge's shares.
@Suite("Fleet dashboard end to end", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (scripts/setup installs it)"))
struct FleetDashboardEndToEndTests {
    @Test func switchDevicesAndSeeTheEdgesShares() throws {
        let (path, _) = try FleetRecordingTests.record(seconds: 20)
        let command = "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(SplitscopeBinary.path) replay \(path) --speed 2; "
            + "echo \"EXITED $?\"; sleep 60"
        let tmux = try TmuxSession(command: command, width: 100, height: 30)
        try tmux.waitFor("the first device") { $0.contains("device 1/3 cam-1") && $0.contains("d/D device") }
        try tmux.send("d")
        try tmux.waitFor("the second device") { $0.contains("device 2/3 cam-2") }
        try tmux.send("e")
        // The replay runs on while the keys go in: the first allocations may hold only the devices
        // that had reported by then, so wait for the one that holds all three.
        let panel = try tmux.waitFor("the edge shares with the shown device marked, among all three") {
            $0.contains("edge shares · fast") && $0.contains("▶ cam-2") && $0.contains("  cam-1") && $0.contains("  cam-3")
        } ?? ""
        #expect(panel.contains("  cam-1") && panel.contains("  cam-3"), "\(panel)")
        try tmux.send("D")
        try tmux.waitFor("back to the first device") { $0.contains("device 1/3 cam-1") && $0.contains("▶ cam-1") }
        try tmux.send("q")
        let after = try tmux.waitFor("the exit status") { $0.contains("EXITED") }
        #expect(after?.contains("EXITED 0") == true)
    }
}
