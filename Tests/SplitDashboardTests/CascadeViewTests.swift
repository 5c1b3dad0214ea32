import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// An AppealNet cascade in the dashboard: the appeal rate, accuracy and last answer in the gauges,
/// and the appealed frames in the timeline.
@Suite("Cascade in the dashboard")
struct CascadeViewTests {
    /// Ten frames a second for 20 s; every fourth is appealed (25 %), and of the 200 frames
    /// 180 are right (90 %); the last one is appealed with confidence 0.41.
    static func cascadeState(size: TerminalSize) -> DashboardState {
        var state = handState()
        state.size = size
        var events: [TimedEvent] = []
        for i in 0..<200 {
            let t = Double(i) / 10
            let appealed = i % 4 == 3
            let event = FrameEvent(frame: i, partition: .split(3), deviceMs: 2, bytesSent: appealed ? 3_136 : nil,
                                   transferMs: appealed ? 2.5 : 0, rttMs: appealed ? 10 : nil, edgeMs: appealed ? 1 : nil,
                                   totalMs: appealed ? 15.5 : 2, energyMJ: appealed ? 19 : 10, outcome: .ok,
                                   answered: appealed ? .edge : .device, confidence: appealed ? 0.41 : 0.97, correct: i % 10 != 0)
            events.append(TimedEvent(t: t, event: .frame(event)))
        }
        _ = state.reduce(.loaded(events, upTo: 20, reset: false))
        return state
    }

    @Test func theStateCountsTheAnswers() {
        let state = Self.cascadeState(size: TerminalSize(width: 120, height: 40))
        #expect(state.cascade.answered == 200)
        #expect(state.cascade.appealed == 50)
        #expect(state.cascade.appealRatePct == 25)
        #expect(state.cascade.accuracyPct == 90)
    }

    @Test func gaugesAndTimelineShowTheAppeals() throws {
        let size = TerminalSize(width: 120, height: 40)
        let text = DashboardView.render(Self.cascadeState(size: size), size: size).lines.joined(separator: "\n")
        #expect(text.contains("appealed / accuracy / last"))
        #expect(text.contains("25.0 % / 90.0 % / edge 0.41"))
        #expect(text.contains("appealed %"))
        #expect(try matchesGolden(text + "\n", named: "cascade-120x40.txt"))
    }

    /// A session that is not a cascade shows neither.
    @Test func plainSessionsShowNoCascade() {
        var state = handState()
        state.size = TerminalSize(width: 120, height: 40)
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 5)], upTo: 2, reset: false))
        let text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(state.cascade.isEmpty)
        #expect(!text.contains("appealed"))
    }
}

/// A cascade's edge row draws the edge model appeals go to, never the device model's layers.
@Suite("Cascade edge model in the layer view")
struct CascadeEdgeRowTests {
    /// The cascade state over a header naming the edge model (with its layers, or only its name).
    static func state(appeal: SessionAppealModel?, policy: String = "cascade:0.8", size: TerminalSize) -> DashboardState {
        var header = handHeader()
        header.policy = policy
        header.appealModel = appeal
        var state = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        state.size = size
        let events = (0..<20).map { i in
            TimedEvent(t: Double(i) / 10, event: .frame(FrameEvent(frame: i, partition: .split(3), deviceMs: 2, totalMs: 2, outcome: .ok,
                                                                  answered: i % 4 == 3 ? .edge : .device, confidence: 0.9, correct: true)))
        }
        _ = state.reduce(.loaded(events, upTo: 2, reset: false))
        return state
    }

    /// The edge model's four layers, each slower on the edge than the device model's.
    static func edgeModel() -> ModelProfile {
        ModelProfile(name: "big-edge", inputBytes: 1000, layers: [
            ProfileLayer(name: "E1", inputs: [.input], outputBytes: 500, deviceMs: 100, edgeMs: 8),
            ProfileLayer(name: "E2", inputs: [.layer(0)], outputBytes: 500, deviceMs: 100, edgeMs: 16),
            ProfileLayer(name: "E3", inputs: [.layer(1)], outputBytes: 500, deviceMs: 100, edgeMs: 4),
            ProfileLayer(name: "E4", inputs: [.layer(2)], outputBytes: 40, deviceMs: 100, edgeMs: 2),
        ])
    }

    @Test(arguments: [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)])
    func theEdgeRowDrawsTheEdgeModel(size: TerminalSize) throws {
        let state = Self.state(appeal: SessionAppealModel(name: "big-edge", model: Self.edgeModel()), size: size)
        let buffer = DashboardView.render(state, size: size)
        let rows = try LayerScaleTests.computeRows(buffer, state: state)
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("edge model big-edge, 4 layers"))
        // Four bars, the edge model's times at the shared scale; nothing of the device model's three.
        for (i, ms) in [8.0, 16, 4, 2].enumerated() {
            let drawn = Double(LayerScaleTests.eighths(buffer, x: rows.firstColumn + i, rows: rows.edgeRows)) / 8 * rows.msPerCell
            #expect(abs(drawn - ms) <= rows.msPerCell / 8, "edge layer E\(i + 1): \(ms) ms drawn as \(drawn) ms")
        }
        #expect(LayerScaleTests.eighths(buffer, x: rows.firstColumn + 4, rows: rows.edgeRows) == 0)
        #expect(try matchesGolden(text + "\n", named: "cascade-edge-model-\(size.width)x\(size.height).txt"))
    }

    /// A cascade has no split: no split line is drawn (a review saw the edge model's bars run
    /// over it), each row names its own model, and the info line says there is no split.
    @Test(arguments: [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)])
    func eachRowIsItsOwnModelAndNoSplitIsDrawn(size: TerminalSize) throws {
        let state = Self.state(appeal: SessionAppealModel(name: "big-edge", model: Self.edgeModel()), size: size)
        let buffer = DashboardView.render(state, size: size)
        let rows = try LayerScaleTests.computeRows(buffer, state: state)
        let lines = buffer.lines
        let layerView = lines[rows.deviceRows.lowerBound...rows.edgeRows.upperBound + 4]
        #expect(!layerView.contains { $0.contains("┃") }, "no split line in a cascade:\n\(layerView.joined(separator: "\n"))")
        #expect(lines[rows.deviceRows.lowerBound].contains("device model hand, 3 layers"))
        #expect(lines[rows.edgeRows.lowerBound].contains("edge model big-edge, 4 layers"))
        #expect(lines.contains { $0.contains("cascade, no split") })
        #expect(!lines.contains { $0.contains("split 3/3") })
        // The split session the same frames would be keeps its split line.
        let split = Self.state(appeal: nil, policy: "neurosurgeon", size: size)
        #expect(DashboardView.render(split, size: size).lines.contains { $0.contains("┃") })
    }

    @Test func anEdgeModelWithoutLayersIsNamedNotDrawn() throws {
        let size = TerminalSize(width: 80, height: 24)
        let state = Self.state(appeal: SessionAppealModel(name: "fashion-edge"), size: size)
        let buffer = DashboardView.render(state, size: size)
        let rows = try LayerScaleTests.computeRows(buffer, state: state)
        #expect(buffer.lines[rows.edgeRows.lowerBound].contains("edge model: fashion-edge (layers not recorded)"))
        for x in rows.firstColumn..<(rows.firstColumn + 3) {
            #expect(LayerScaleTests.eighths(buffer, x: x, rows: rows.edgeRows) == 0, "no bar of the device model's layers")
        }
        #expect(try matchesGolden(buffer.lines.joined(separator: "\n") + "\n", named: "cascade-edge-unrecorded-80x24.txt"))
    }

    @Test func anOlderCascadeSaysItsEdgeModelIsNotRecorded() throws {
        let size = TerminalSize(width: 120, height: 40)
        let state = Self.state(appeal: nil, size: size)
        #expect(state.context.isCascade)
        let text = DashboardView.render(state, size: size).lines.joined(separator: "\n")
        #expect(text.contains("edge model not recorded"))
    }

    @Test func aSplitSessionKeepsItsOwnEdgeRow() {
        let state = Self.state(appeal: nil, policy: "neurosurgeon", size: TerminalSize(width: 120, height: 40))
        #expect(!state.context.isCascade)
        let text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(!text.contains("edge model"))
    }
}
