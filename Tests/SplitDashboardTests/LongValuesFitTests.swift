import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// At 80×24 and 120×40 with the longest values (long model names, a floor no version meets, a
/// cascade, a fleet of eight): the header keeps the model's name, the floor says it is unmet,
/// and no panel loses its title or a gauge its label.
@Suite("Longest values at 80×24 and 120×40")
struct LongValuesFitTests {
    static let sizes = HeaderKindTests.sizes

    static func named(_ name: String) -> ModelProfile { HeaderKindTests.named(name) }

    /// A family whose best version is 90.2 % under a floor of `floor` %, running `version`, with long names.
    static func floorState(floor: Double, version: String, size: TerminalSize, long: Bool = false) -> DashboardState {
        let family = long ? "mobilenet-v3-large-imagenet-export-from-torchvision" : "fashion-edge"
        var header = handHeader()
        header.model = named(family)
        header.constraints.accuracyFloorPct = floor
        header.versions = [SessionModelVersion(name: "full", accuracyPercent: 90.21, model: named(family)),
                           SessionModelVersion(name: "p50", accuracyPercent: 80.74, model: named("\(family)-p50"))]
        var state = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        state.size = size
        let frames = HeaderKindTests.versionedFrames(version)
        let note = TimedEvent(t: 0, event: .note(NoteEvent(text: "no version meets the accuracy floor of \(Int(floor)) %: falling back to the most accurate version, full (90.21 %)")))
        _ = state.reduce(.loaded([note] + frames, upTo: 3, reset: false))
        return state
    }

    /// Eight devices with long ids sharing one edge, the first shown.
    static func fleetOfEight(size: TerminalSize) -> DashboardState {
        let ids = (1...8).map { "roadside-camera-\($0)-north-gate" }
        var header = handHeader()
        header.model.name = "fashion-mnist"
        header.versions = [SessionModelVersion(name: "fashion-edge", accuracyPercent: 90.21, model: named("fashion-edge"))]
        header.devices = ids.map { SessionFleetDevice(device: $0) }
        var state = DashboardState(context: SessionContext(header: header), duration: 120, size: size)
        var events = [TimedEvent(t: 1, event: .shares(DashboardFitTests.shares(ids)))]
        for id in ids {
            var own = frame(1, split: 2, estimate: 5)
            own.device = id
            if case .frame(var event) = own.event { event.version = "fashion-edge"; own.event = .frame(event) }
            events.append(own)
        }
        _ = state.reduce(.loaded(events, upTo: 2, reset: false))
        return state
    }

    @Test(arguments: sizes)
    func aFloorNoVersionMeetsIsSaidUnmet(size: TerminalSize) throws {
        let state = Self.floorState(floor: 99, version: "full", size: size)
        let lines = DashboardView.render(state, size: size).lines
        #expect(lines[0].contains("fashion-edge (full) 90.2 %"), "\(lines[0])")
        let gauges = lines.joined(separator: "\n")
        #expect(gauges.contains("99.00 % unmet"), "\(gauges)")
        #expect(try matchesGolden(lines.joined(separator: "\n") + "\n", named: "floor-unmet-\(size.width)x\(size.height).txt"))
    }

    @Test func aFloorTheRunningVersionMissesNamesIt() {
        let size = TerminalSize(width: 80, height: 24)
        let text = DashboardView.render(Self.floorState(floor: 85, version: "p50", size: size), size: size).lines.joined(separator: "\n")
        #expect(text.contains("(p50 below)"), "\(text)")
        #expect(!text.contains("unmet"))
        let met = DashboardView.render(Self.floorState(floor: 85, version: "full", size: size), size: size).lines.joined(separator: "\n")
        #expect(!met.contains("below") && !met.contains("unmet"), "\(met)")
    }

    /// Every panel's title and every gauge's label (in one of its stages) is on screen.
    @Test(arguments: sizes)
    func noPanelLosesALabel(size: TerminalSize) throws {
        let states: [(String, DashboardState)] = [
            ("long names, unmet floor", Self.floorState(floor: 99, version: "p50", size: size, long: true)),
            ("cascade", CascadeEdgeRowTests.state(appeal: SessionAppealModel(name: "fashion-edge-distilled-from-resnet"), size: size)),
            ("fleet of eight", Self.fleetOfEight(size: size)),
        ]
        for (kind, state) in states {
            let lines = DashboardView.render(state, size: size).lines
            let screen = lines.joined(separator: "\n")
            for title in ["layers", "timeline", "now · recorded", "decisions"] {
                #expect(screen.contains(title), "\(kind) at \(size.width)×\(size.height) lost the panel title \(title):\n\(screen)")
            }
            for labels in [["battery", "batt."], ["latency", "lat."], ["sent"], ["energy"]] {
                #expect(labels.contains { screen.contains($0) }, "\(kind) at \(size.width)×\(size.height) lost the gauge \(labels[0]):\n\(screen)")
            }
            #expect(lines[0].contains(state.context.model.name.prefix(4)), "\(kind): the header lost the model's name:\n\(lines[0])")
            #expect(lines[0].contains("00:0"), "\(kind): the clock:\n\(lines[0])")
            if state.constraintsInForce.accuracyFloorPercent != nil {
                #expect(screen.contains("unmet"), "\(kind): the unmet floor:\n\(screen)")
            }
            if state.fleet != nil {
                #expect(lines[0].contains("roadsi"), "\(kind): which device:\n\(lines[0])")
            }
            if state.context.isCascade {
                #expect(screen.contains("edge model: fashion-edge"), "\(kind): the edge model:\n\(screen)")
            }
        }
    }
}
