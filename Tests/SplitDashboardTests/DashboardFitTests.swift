import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// What a fresh-clone review found cut or missing at the smallest terminal and a common one: the
/// cascade gauge, the bars of a small fleet's shares, the own device in a single device's shares
/// panel, and the model named twice in a fleet's header. Golden frames at 80×24 and 120×40.
@Suite("Dashboard fit at 80×24 and 120×40")
struct DashboardFitTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]

    static func render(_ state: DashboardState) -> String {
        DashboardView.render(state, size: state.size).lines.joined(separator: "\n") + "\n"
    }

    static func name(_ stem: String, _ size: TerminalSize) -> String {
        "\(stem)-\(size.width)x\(size.height).txt"
    }

    /// The edge's shares among `ids` (compute 30/20/50 %, uplink 10/60/30 %), with versions named
    /// as a fleet's are (their column leaves no room for bars beside it at 80 columns).
    static func shares(_ ids: [String]) -> SharesEvent {
        let compute = [0.3, 0.2, 0.5], uplink = [0.1, 0.6, 0.3]
        return SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: 20),
                           devices: ids.enumerated().map { i, id in
                               DeviceShare(device: id, split: i, computeShare: compute[i % 3], bandwidthShare: uplink[i % 3],
                                           taskWeight: 0.5, version: i % 2 == 0 ? "fashion-edge" : "fashion-device",
                                           predictedMs: 20 + Double(i))
                           })
    }

    @Test("at 80×24 the cascade's gauge takes the free row and shows its label and value whole", arguments: sizes)
    func cascadeGauge(_ size: TerminalSize) throws {
        let text = Self.render(CascadeViewTests.cascadeState(size: size))
        #expect(text.contains("appealed / accuracy / last"), "\(text)")
        #expect(text.contains("25.0 % / 90.0 % / edge"), "\(text)")
        #expect(try matchesGolden(text, named: Self.name("cascade-fit", size)))
    }

    @Test("the shares of three devices keep their bars: beside the columns, or on the free row under each device", arguments: sizes)
    func smallFleetKeepsItsBars(_ size: TerminalSize) throws {
        var header = handHeader()
        header.devices = ["cam-1", "cam-2", "cam-3"].map { SessionFleetDevice(device: $0) }
        var state = DashboardState(context: SessionContext(header: header), duration: 10, size: size)
        var events = [TimedEvent(t: 1, event: .shares(Self.shares(["cam-1", "cam-2", "cam-3"])))]
        for id in ["cam-1", "cam-2", "cam-3"] {
            var own = frame(1, split: 2, estimate: 5)
            own.device = id
            events.append(own)
        }
        _ = state.reduce(.loaded(events, upTo: 2, reset: false))
        _ = state.reduce(.key(.character("e")))
        let text = Self.render(state)
        let lines = text.split(separator: "\n")
        for id in ["cam-1", "cam-2", "cam-3"] {
            let row = try #require(lines.firstIndex { $0.contains(id) && $0.contains("0.50") }, "\(text)")
            // Each device's bars, on its row or the next: its 50 % compute share draws filled and empty cells.
            let bars = lines[row] + (lines[row + 1].contains("compute ") ? lines[row + 1] : "")
            #expect(bars.contains("█") && bars.contains("·"), "\(id):\n\(text)")
        }
        #expect(!text.contains(" of 3 "), "every device is shown:\n\(text)")
        #expect(try matchesGolden(text, named: Self.name("fleet3-shares", size)))
    }

    @Test("a single device's shares panel marks its own device, named by its header line", arguments: sizes)
    func singleDeviceMarksItself(_ size: TerminalSize) throws {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 10, mode: .live, size: size)
        state.adoptSessionDevice("cam-2")
        // Alone on its edge, the device tags none of its events with its id.
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 5), TimedEvent(t: 1, event: .shares(Self.shares(["cam-1", "cam-2"])))],
                                 upTo: 2, reset: false))
        #expect(state.fleet == nil)
        #expect(state.log.last?.text == "edge shares: fashion-device split 1 · compute 20 % · uplink 60 %")
        _ = state.reduce(.key(.character("e")))
        let text = Self.render(state)
        #expect(text.contains("▶ cam-2"), "\(text)")
        #expect(text.contains("  cam-1"))
        #expect(try matchesGolden(text, named: Self.name("own-device-shares", size)))
    }

    @Test("a fleet's header names the model once", arguments: sizes)
    func fleetHeaderNamesTheModelOnce(_ size: TerminalSize) throws {
        let state = try FleetViewTests.state(size: size)
        let text = Self.render(state)
        let header = String(text.prefix { $0 != "\n" })
        #expect(!header.contains("fashion-mnist fashion-edge"), "\(header)")
        #expect(header.contains("fashion-edge 90.2 %"), "\(header)")
        #expect(try matchesGolden(text, named: Self.name("fleet-header", size)))
    }

    /// The header names the model that runs and the version in force, in one form: the version's
    /// own model (never the header's first model glued to another version's name), the version in
    /// brackets unless the model's name says it, then its accuracy.
    @Test func theRunningVersionIsNamedByItsOwnModel() {
        func named(_ model: String) -> ModelProfile {
            var profile = handChain()
            profile.name = model
            return profile
        }
        var header = handHeader()
        header.model = named("fashion-edge")
        header.versions = [SessionModelVersion(name: "edge-cnn", accuracyPercent: 90.21, model: named("fashion-edge")),
                           SessionModelVersion(name: "device-cnn", accuracyPercent: 89.31, model: named("fashion-device"))]
        #expect(SessionContext(header: header, version: "device-cnn").modelTitle == "fashion-device (device-cnn) 89.3 %")
        #expect(SessionContext(header: header, version: "edge-cnn").modelTitle == "fashion-edge (edge-cnn) 90.2 %")
        header.model.name = "fashion-mnist"
        header.versions = [SessionModelVersion(name: "fashion-edge", accuracyPercent: 90.21, model: named("fashion-edge")),
                           SessionModelVersion(name: "p50", accuracyPercent: 83.02, model: named("fashion-edge-p50"))]
        #expect(SessionContext(header: header, version: "fashion-edge").modelTitle == "fashion-edge 90.2 %")
        #expect(SessionContext(header: header, version: "p50").modelTitle == "fashion-edge-p50 83.0 %")
        #expect(SessionContext(header: handHeader()).modelTitle == "hand")
    }
}
