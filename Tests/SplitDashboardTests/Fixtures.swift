import Foundation
import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import SplitTestSupport

/// The hand-worked chain (see SplitTestSupport for the numbers).
func handChain() -> ModelProfile { HandModels.chain() }

func handHeader(slo: Double? = nil) -> SessionHeader {
    SessionHeader(startTime: "2026-11-23T00:00:00Z", source: .simulator, fps: 10, policy: "neurosurgeon", model: handChain(),
                  link: SessionLinkSettings(rttMs: 10), constraints: SessionConstraints(sloMs: slo))
}

func handState(slo: Double? = nil) -> DashboardState {
    DashboardState(context: SessionContext(header: handHeader(slo: slo)), duration: 60, themes: Theme.builtins, glyphs: .unicode)
}

/// A recorded frame at t on split k, with the estimate the device had.
func frame(_ t: Double, split k: Int, estimate: Double, total: Double = 40, battery: Double = 90) -> TimedEvent {
    TimedEvent(t: t, event: .frame(FrameEvent(frame: Int(t * 10), partition: .split(k), predictedMs: total, deviceMs: 10,
                                              bytesSent: 50, transferMs: 5, edgeMs: 1, totalMs: total, energyMJ: 60,
                                              batteryPct: battery, bandwidthEstimateMbps: estimate)))
}

/// The package root, for the sample sessions.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compares text with a golden file beside the tests; `SPLITSCOPE_UPDATE_GOLDEN=1` rewrites it.
func matchesGolden(_ text: String, named name: String) throws -> Bool {
    let url = packageRoot.appendingPathComponent("Tests/SplitDashboardTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["SPLITSCOPE_UPDATE_GOLDEN"] == "1" {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return true
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); run with SPLITSCOPE_UPDATE_GOLDEN=1 to create it")
        return false
    }
    if expected != text {
        let got = url.deletingPathExtension().appendingPathExtension("actual.txt")
        try? text.write(to: got, atomically: true, encoding: .utf8)
        Issue.record("\(name) differs from the golden file; the new rendering is in \(got.path)")
        return false
    }
    return true
}

import Testing
