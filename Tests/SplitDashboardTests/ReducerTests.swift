import SplitDashboard
import SplitPlanners
import SplitSession
import SplitTerminal
import Testing

@Suite("Dashboard reducer")
struct ReducerTests {
    @Test func aTickWhilePlayingAsksForTheEventsAndLoadingMovesTheClock() {
        var state = handState()
        state.mode = .replay(speed: 4, paused: false)
        let (afterTick, effects) = DashboardState.reduce(state, .tick(elapsed: 0.5))
        #expect(effects == [.load(from: 0, to: 2)])
        #expect(afterTick == state, "a tick changes nothing until the events arrive")
        let (loaded, none) = DashboardState.reduce(afterTick, .loaded([frame(1.0, split: 2, estimate: 0.08)], upTo: 2, reset: false))
        #expect(none.isEmpty)
        var expected = state
        expected.clock = 2
        expected.recordedPartition = .split(2)
        expected.lastFrame = loaded.lastFrame
        expected.recentFrames = [1.0]
        expected.battery = 90
        expected.series = loaded.series
        #expect(loaded == expected)
        #expect(loaded.series.split.latest == 2)
        #expect(loaded.series.latency.latest == 40)
        #expect(loaded.series.estimate.latest == 0.08)
    }

    @Test func pausedTicksDoNothing() {
        var state = handState()
        state.mode = .replay(speed: 1, paused: true)
        let (next, effects) = DashboardState.reduce(state, .tick(elapsed: 1))
        #expect(effects.isEmpty)
        #expect(next == state)
    }

    @Test func playbackKeys() {
        var state = handState()
        state.clock = 30
        var effects = state.reduce(.key(.character(" ")))
        #expect(state.mode == .replay(speed: 1, paused: true) && effects.isEmpty)
        _ = state.reduce(.key(.character("+")))
        _ = state.reduce(.key(.character("+")))
        #expect(state.mode == .replay(speed: 4, paused: true))
        _ = state.reduce(.key(.character("-")))
        #expect(state.mode == .replay(speed: 2, paused: true))
        effects = state.reduce(.key(.character("[")))
        #expect(effects == [.reload(at: 20)])
        effects = state.reduce(.key(.character("]")))
        #expect(effects == [.reload(at: 40)])
        effects = state.reduce(.key(.end))
        #expect(effects == [.reload(at: 60)])
        effects = state.reduce(.key(.character(".")))
        #expect(effects == [.step(after: 30)])
        _ = state.reduce(.key(.character(" ")))
        effects = state.reduce(.key(.character(".")))
        #expect(effects.isEmpty)
        #expect(state.status?.contains("pause first") == true)
        for _ in 0..<20 { _ = state.reduce(.key(.character("+"))) }
        #expect(state.mode == .replay(speed: 64, paused: false))
    }

    @Test func aSeekRebuildsHistoryFromTheLoadedWindow() {
        var state = handState()
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 0.08), frame(2, split: 0, estimate: 8)], upTo: 3, reset: false))
        #expect(state.series.split.latest == 0)
        _ = state.reduce(.loaded([frame(10, split: 3, estimate: 0.01)], upTo: 12, reset: true))
        #expect(state.clock == 12)
        #expect(state.recentFrames == [10])
        #expect(state.series.split.window(endingAt: 12, count: 30).compactMap { $0.isNaN ? nil : $0 }.allSatisfy { $0 == 3 })
    }

    @Test func pinningAtTheCursorStartsAWhatIfAndRReturns() {
        var state = handState()
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 0.08)], upTo: 1, reset: false))
        #expect(state.cursor == 3)
        _ = state.reduce(.key(.left))
        _ = state.reduce(.key(.character("h")))
        #expect(state.cursor == 1)
        _ = state.reduce(.key(.enter))
        #expect(state.whatIf != nil)
        #expect(state.pinnedSplit == 1)
        #expect(state.whatIf?.overrides == ["pin 1"])
        #expect(state.shownPartition == .split(1))
        #expect(state.log.last?.kind == .operatorAction)
        // The re-simulation follows the recorded frames and keeps the pin.
        _ = state.reduce(.loaded([frame(2, split: 0, estimate: 8)], upTo: 2, reset: false))
        #expect(state.shownPartition == .split(1))
        #expect(state.recordedPartition == .split(0))
        _ = state.reduce(.key(.character("u")))
        _ = state.reduce(.loaded([frame(3, split: 0, estimate: 8)], upTo: 3, reset: false))
        #expect(state.pinnedSplit == nil)
        #expect(state.shownPartition == .split(0), "unpinned, the policy picks edge-only at 8 Mbit/s")
        _ = state.reduce(.key(.character("r")))
        #expect(state.whatIf == nil)
        #expect(state.shownPartition == .split(0))
    }

    @Test func theConstraintPromptValidates() {
        var state = handState(slo: 100)
        _ = state.reduce(.loaded([frame(1, split: 0, estimate: 8)], upTo: 1, reset: false))
        _ = state.reduce(.key(.character("s")))
        #expect(state.prompt == PromptState(field: .latencySLO, text: "100"))
        for _ in 0..<3 { _ = state.reduce(.key(.backspace)) }
        _ = state.reduce(.key(.character("x")))
        #expect(state.prompt?.text == "", "letters are ignored")
        _ = state.reduce(.key(.character("0")))
        _ = state.reduce(.key(.enter))
        #expect(state.prompt?.error == "enter a number greater than 0")
        #expect(state.whatIf == nil)
        _ = state.reduce(.key(.backspace))
        for c in "45" { _ = state.reduce(.key(.character(c))) }
        _ = state.reduce(.key(.enter))
        #expect(state.prompt == nil)
        #expect(state.whatIf?.controller.constraints.latencySLOMs == 45)
        #expect(state.whatIf?.overrides == ["slo_ms 45"])
        // Minimum device layers must be a whole number within the model.
        _ = state.reduce(.key(.character("n")))
        for c in "7" { _ = state.reduce(.key(.character(c))) }
        _ = state.reduce(.key(.enter))
        #expect(state.prompt?.error == "enter a whole number from 0 to 3")
        _ = state.reduce(.key(.escape))
        #expect(state.prompt == nil)
        #expect(state.whatIf?.controller.constraints.minDeviceLayers == 0)
    }

    @Test func policyCyclesIntoWhatIf() {
        var state = handState()
        _ = state.reduce(.key(.character("p")))
        #expect(state.whatIf?.controller.policyKind == .dsc)
        _ = state.reduce(.key(.character("p")))
        #expect(state.whatIf?.controller.policyKind == .gads)
    }

    @Test func helpQuitAndThemes() {
        var state = handState()
        _ = state.reduce(.key(.character("?")))
        #expect(state.showHelp)
        #expect(state.reduce(.key(.character("q"))).isEmpty, "q closes the help first")
        #expect(!state.showHelp)
        #expect(state.reduce(.key(.character("q"))) == [.quit])
        #expect(state.reduce(.key(.ctrl("c"))) == [.quit])
        _ = state.reduce(.key(.character("t")))
        #expect(state.theme.name == "light")
        #expect(state.status == "theme: light")
        _ = state.reduce(.resize(TerminalSize(width: 120, height: 40)))
        #expect(state.size == TerminalSize(width: 120, height: 40))
    }

    @Test func decisionsOperatorActionsAndFaultsAreLogged() {
        var state = handState()
        let events: [TimedEvent] = [
            TimedEvent(t: 1, event: .decision(DecisionEvent(from: .split(3), to: .split(0), reason: .bandwidth, decisionMicros: 2.5, predictedMs: 14.5))),
            TimedEvent(t: 2, event: .fault(FaultEvent(kind: .edgeLost, action: "run locally"))),
            TimedEvent(t: 3, event: .operatorAction(OperatorEvent(action: .pin, field: "partition", oldValue: .null, newValue: 2))),
        ]
        _ = state.reduce(.loaded(events, upTo: 3, reset: false))
        #expect(state.log.map(\.kind) == [.decision, .fault, .operatorAction])
        #expect(state.log[0].text == "split 3 → 0  bandwidth  2.5 µs  pred 14.5 ms")
        #expect(!state.edgeReachable)
        #expect(state.recordedPartition == .split(0))
    }

    @Test func theEndOfTheRecordingPauses() {
        var state = handState()
        state.clock = 59.9
        let effects = state.reduce(.tick(elapsed: 1))
        #expect(effects == [.load(from: 59.9, to: 60)])
        #expect(state.mode == .replay(speed: 1, paused: true))
    }
}

@Suite("Layer view window")
struct LayerWindowTests {
    @Test func autoZoomFitsEveryLayer() {
        let columns = LayerViewProbe.columns(layerCount: 500, zoom: 0, width: 100, cursor: 0, split: 250)
        #expect(columns.zoom == 5 && columns.count == 100 && columns.first == 0)
    }

    @Test func zoomedInKeepsTheSplitInViewWhenTheCursorAllows() {
        let columns = LayerViewProbe.columns(layerCount: 500, zoom: 1, width: 100, cursor: 260, split: 250)
        #expect(columns.first <= 250 && columns.first + columns.count > 260)
    }
}
