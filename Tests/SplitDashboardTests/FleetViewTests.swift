import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// A session of several devices sharing one edge in the dashboard: one device shown at a time,
/// each kept from the one stream, `d`/`D` to switch, and the edge's shares on `e`.
@Suite("Several devices in the dashboard")
struct FleetViewTests {
    /// A real recording of 4 devices (see Golden/fleet-replay.md).
    static let recording = "Tests/SplitDashboardTests/Golden/fleet-replay.jsonl"

    static func state(at t: Double = 20, size: TerminalSize = TerminalSize(width: 80, height: 24)) throws -> DashboardState {
        try GoldenTests.state(recording, at: t, size: size)
    }

    static func render(_ state: DashboardState) -> String {
        DashboardView.render(state, size: state.size).lines.joined(separator: "\n") + "\n"
    }

    static func press(_ state: inout DashboardState, _ keys: Character...) {
        for key in keys { _ = state.reduce(.key(.character(key))) }
    }

    @Test func theHeaderNamesTheDeviceShownAndDCyclesThem() throws {
        var state = try Self.state()
        #expect(state.fleet?.devices == ["cam-1", "cam-2", "cam-3", "cam-4"])
        var text = Self.render(state)
        #expect(text.contains("device 1/4 cam-1"), "\(text)")
        #expect(text.contains("d/D device") && text.contains("e shares"), "at 80 columns the hint bar offers d/D and e, in short:\n\(text)")
        // The fleet simulation records no battery and no energy: the gauges say so, not 100 % and 0 mJ.
        #expect(text.contains("battery not recorded") && text.contains("energy not recorded"), "\(text)")
        #expect(try matchesGolden(text, named: "fleet-80x24.txt"))
        let cam1 = state.device

        Self.press(&state, "d")
        text = Self.render(state)
        #expect(text.contains("device 2/4 cam-2"), "\(text)")
        #expect(state.lastFrame?.version == "fashion-device")
        #expect(state.recordedPartition == .split(12))
        #expect(try matchesGolden(text, named: "fleet-switch-80x24.txt"))

        Self.press(&state, "d", "d", "d")
        #expect(state.fleet?.shownID == "cam-1")
        #expect(state.device == cam1, "cycling round brings back the same device state")
        Self.press(&state, "D")
        #expect(state.fleet?.shownID == "cam-4")
        #expect(state.status == "device 4/4 cam-4")
    }

    /// Each device's state, kept from the shared stream, is what a stream of that device alone gives.
    @Test(arguments: ["cam-1", "cam-2", "cam-3", "cam-4"])
    func eachDeviceIsKeptAsIfItWereAlone(_ id: String) throws {
        var fleet = try Self.state()
        while fleet.fleet?.shownID != id { Self.press(&fleet, "d") }

        let index = try SessionIndex.open(path: packageRoot.appendingPathComponent(Self.recording).path)
        var header = index.header
        header.devices = []
        var alone = DashboardState(context: SessionContext(header: header), duration: index.duration, size: fleet.size)
        // A device's own live recording names it in its header line; the replay index keeps only the header's fields.
        alone.eventDevice = id
        let own = index.events(from: 0, to: 20).dropFirst().filter { $0.device == id || $0.device == nil }
        _ = alone.reduce(.loaded(Array(own.filter { $0.t < 20 }), upTo: 20, reset: true))
        #expect(alone.fleet == nil && alone.eventDevice == id)

        let a = fleet.device
        let b = alone.device
        #expect(a.lastFrame == b.lastFrame)
        #expect(a.lastFrame?.frame == 19)
        #expect(a.recordedPartition == b.recordedPartition)
        #expect(a.recentFrames == b.recentFrames)
        #expect(a.series == b.series)
        #expect(a.log == b.log)
        #expect(a.log.contains { $0.text.hasPrefix("edge shares: ") })
        #expect(a.context.version == b.context.version)
    }

    @Test func theSharesPanelListsEveryDeviceAndHighlightsTheShownOne() throws {
        var state = try Self.state()
        Self.press(&state, "d", "e")
        let timed = try #require(state.sharesInForce)
        #expect(timed.t <= 20)
        var text = Self.render(state)
        #expect(text.contains("edge shares · fast · 10 GMAC/s · uplink 20 Mbit/s · since 00:19.0"), "\(text)")
        for share in timed.shares.devices {
            #expect(text.contains(share.device))
        }
        #expect(text.contains("▶ cam-2"))
        #expect(try matchesGolden(text, named: "fleet-shares-80x24.txt"))

        var wide = try Self.state(size: TerminalSize(width: 160, height: 48))
        Self.press(&wide, "d", "d", "e")
        text = Self.render(wide)
        #expect(text.contains("▶ cam-3") && text.contains("device 3/4 cam-3"), "\(text)")
        #expect(text.contains("edge shares · fast allocator · 10 GMAC/s · uplink 20 Mbit/s"), "\(text)")
        #expect(text.contains("d/D device") && text.contains("e shares"), "\(text)")
        #expect(try matchesGolden(text, named: "fleet-shares-160x48.txt"))
        Self.press(&wide, "e")
        #expect(Self.render(wide).contains("layers ·"))
    }

    /// Seeking keeps every shares event once and shows the one in force at the new time.
    @Test func seekingShowsTheSharesInForceThen() throws {
        var state = try Self.state(at: 25)
        let feed = ReplayFeed(index: try SessionIndex.open(path: packageRoot.appendingPathComponent(Self.recording).path))
        let count = state.sharesHistory.count
        for action in feed.perform(.reload(at: 2)) { _ = state.reduce(action) }
        for action in feed.perform(.reload(at: 25)) { _ = state.reduce(action) }
        #expect(state.sharesHistory.count == count, "no shares event is kept twice")
        #expect(zip(state.sharesHistory, state.sharesHistory.dropFirst()).allSatisfy { $0.t <= $1.t })
        for action in feed.perform(.reload(at: 2)) { _ = state.reduce(action) }
        #expect(state.sharesInForce?.t ?? 99 <= 2)
        #expect(state.sharesInForce == state.sharesHistory.last { $0.t <= 2 })
    }

    /// A long live session keeps only the latest shares events, so memory stays bounded.
    @Test func sharesHistoryIsBounded() {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 10)
        let events = (0..<(DashboardState.sharesCapacity + 10)).map { i in
            TimedEvent(t: Double(i), event: .shares(SharesEvent(allocator: .fast, devices: [
                DeviceShare(device: "a", split: i % 3, computeShare: 1, bandwidthShare: 1)])))
        }
        _ = state.reduce(.loaded(events, upTo: Double(events.count), reset: false))
        #expect(state.sharesHistory.count == DashboardState.sharesCapacity)
        #expect(state.sharesHistory.first?.t == 10)
        #expect(state.sharesInForce?.t == Double(events.count - 1))
    }

    /// One device's live recording with its edge's shares (the live edge writes them into each
    /// device's stream): no device switching, the panel on `e` with this device highlighted.
    @Test func oneDeviceWithItsEdgesShares() {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 10,
                                   size: TerminalSize(width: 200, height: 40))
        let shares = SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: 20), devices: [
            DeviceShare(device: "cam-1", split: 0, computeShare: 0.42, bandwidthShare: 0.3, taskWeight: 0.95),
            DeviceShare(device: "cam-2", split: 2, computeShare: 0.58, bandwidthShare: 0.7, taskWeight: 0.2),
        ])
        var own = frame(1, split: 2, estimate: 5)
        own.device = "cam-2"
        _ = state.reduce(.loaded([own, TimedEvent(t: 1, event: .shares(shares))], upTo: 2, reset: false))
        #expect(state.fleet == nil)
        #expect(state.shownDeviceID == "cam-2")
        var text = Self.render(state)
        #expect(!text.contains("device 1/"))
        #expect(text.contains("e shares"), "the hint bar offers e:\n\(text)")
        #expect(!text.contains("d/D"))
        #expect(state.log.last?.text == "edge shares: split 2 · compute 58 % · uplink 70 %")
        Self.press(&state, "d")
        #expect(state.status == "one device in this session")
        Self.press(&state, "e")
        text = Self.render(state)
        #expect(text.contains("▶ cam-2"), "\(text)")
        #expect(text.contains("  cam-1"))
    }

    /// A shares event built in code (a live edge's reply) is not range-checked as a file's is: a share
    /// that is no number or out of range draws an empty or full bar rather than trapping.
    @Test func aShareOutOfRangeDrawsABarAnyway() {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 10,
                                   size: TerminalSize(width: 200, height: 40))
        // The edge shares an uplink, so both bars are drawn.
        let shares = SharesEvent(allocator: .fast, edge: SharedEdgeCapacity(uplinkMbps: 20), devices: [
            DeviceShare(device: "cam-1", split: 0, computeShare: .nan, bandwidthShare: 7),
            DeviceShare(device: "cam-2", split: 2, computeShare: -.infinity, bandwidthShare: .infinity),
        ])
        _ = state.reduce(.loaded([TimedEvent(t: 1, event: .shares(shares))], upTo: 2, reset: false))
        Self.press(&state, "e")
        let lines = Self.render(state).split(separator: "\n")
        let row = lines.first { $0.contains("cam-1") }
        #expect(row.map { $0.contains("█") && $0.contains("·") } == true, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("cam-2") })
    }

    /// A single-device stream without shares keeps today's screen: no device, no new hints.
    @Test func aSingleDeviceStreamIsUnchanged() throws {
        let state = try GoldenTests.state("SampleTraces/sessions/vgg16-lte-drive.jsonl", at: 45, size: TerminalSize(width: 200, height: 60))
        #expect(state.fleet == nil && state.sharesHistory.isEmpty)
        let text = Self.render(state)
        #expect(!text.contains("d/D") && !text.contains("edge shares") && !text.contains("e shares"))
        #expect(text.contains("r recording"), "the hint bar is drawn:\n\(text)")
    }
}
