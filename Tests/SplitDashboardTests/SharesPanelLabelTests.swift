import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// The shares panel (`e`) says what it shows: the recording's allocation during a what-if, a device
/// alone on its edge choosing for itself, an uplink the edge does not share; and a what-if stays
/// with its device when `d` shows another.
@Suite("What the shares panel shows")
struct SharesPanelLabelTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]

    @Test("during a what-if the panel is titled as the recording's allocation", arguments: sizes)
    func whatIfTitlesTheRecordedShares(_ size: TerminalSize) throws {
        var state = try FleetViewTests.state(size: size)
        FleetViewTests.press(&state, "d", "e")
        #expect(!FleetViewTests.render(state).contains("recorded edge shares"))
        WhatIfVersionsTests.type(&state, "a90")
        let text = FleetViewTests.render(state)
        #expect(text.contains("recorded edge shares"), "\(text)")
        #expect(try matchesGolden(text, named: "fleet-whatif-shares-\(size.width)x\(size.height).txt"))
    }

    /// One device's stream whose edge lists it alone.
    static func alone(uplink: Double?, size: TerminalSize) -> DashboardState {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 10, size: size)
        let shares = SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: uplink), devices: [
            DeviceShare(device: "cam-2", split: 0, computeShare: 1, bandwidthShare: 0, taskWeight: 0.5, version: "int8"),
        ])
        var own = frame(1, split: 2, estimate: 5)
        own.device = "cam-2"
        _ = state.reduce(.loaded([own, TimedEvent(t: 1, event: .shares(shares))], upTo: 2, reset: false))
        FleetViewTests.press(&state, "e")
        return state
    }

    @Test("a device alone on its edge: the panel says it chooses alone and draws no assignment", arguments: sizes)
    func aloneDeviceChoosesItself(_ size: TerminalSize) throws {
        let text = FleetViewTests.render(Self.alone(uplink: nil, size: size))
        #expect(text.contains("alone on this edge"), "\(text)")
        #expect(text.contains("uplink not shared"), "\(text)")
        #expect(!text.contains("int8") && !text.contains(" 0.0 %"), "no assigned version, no empty uplink share:\n\(text)")
        #expect(try matchesGolden(text, named: "shares-alone-\(size.width)x\(size.height).txt"))
    }

    @Test("an edge that shares no uplink: each device's uplink says not shared, with no bar")
    func uplinkNotShared() {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 10, size: TerminalSize(width: 120, height: 40))
        let shares = SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10), devices: [
            DeviceShare(device: "cam-1", split: 0, computeShare: 0.4, bandwidthShare: 0),
            DeviceShare(device: "cam-2", split: 2, computeShare: 0.6, bandwidthShare: 0),
        ])
        _ = state.reduce(.loaded([TimedEvent(t: 1, event: .shares(shares))], upTo: 2, reset: false))
        FleetViewTests.press(&state, "e")
        let lines = FleetViewTests.render(state).split(separator: "\n")
        let row = lines.first { $0.contains("cam-2") }
        #expect(row?.contains("not shared") == true, "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains(" 0.0 %") })
    }

    @Test("d keeps a what-if with its device, says so, and a seek keeps it too")
    func whatIfStaysWithItsDevice() throws {
        var state = try FleetViewTests.state()
        WhatIfVersionsTests.type(&state, "s400")
        #expect(state.whatIf != nil)
        FleetViewTests.press(&state, "d")
        #expect(state.whatIf == nil)
        #expect(state.status == "device 2/4 cam-2 · cam-1's what-if goes on: d/D back to it")
        // A seek rebuilds every device's history; cam-1's what-if stays.
        let index = try SessionIndex.open(path: packageRoot.appendingPathComponent(FleetViewTests.recording).path)
        for action in ReplayFeed(index: index).perform(.reload(at: 25)) { _ = state.reduce(action) }
        FleetViewTests.press(&state, "D")
        #expect(state.shownDeviceID == "cam-1")
        #expect(state.whatIf?.overrides == ["slo_ms 400"])
        #expect(state.status == "device 1/4 cam-1 · its what-if shown (slo_ms 400)")
        #expect(FleetViewTests.render(state).contains("WHAT-IF"))
    }
}
