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

    @Test func theConstraintPromptShowsTheValueAsAHintAndValidates() {
        var state = handState(slo: 100)
        _ = state.reduce(.loaded([frame(1, split: 0, estimate: 8)], upTo: 1, reset: false))
        _ = state.reduce(.key(.character("s")))
        #expect(state.prompt == PromptState(field: .latencySLO, text: "", current: "100"), "the value in force is a hint, not typed text")
        _ = state.reduce(.key(.character("x")))
        #expect(state.prompt?.text == "")
        #expect(state.prompt?.error?.contains("'x' cannot be part of a number") == true, "a letter gets a message, not silence")
        _ = state.reduce(.key(.character("0")))
        #expect(state.prompt?.error == nil, "typing a digit clears the message")
        _ = state.reduce(.key(.enter))
        #expect(state.prompt?.error == "enter from 0.001 to 86400000 ms")
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

    /// Every prompt, fed the extreme values that crashed the planners, answers with an inline error.
    @Test(arguments: ConstraintKind.allCases)
    func extremeValuesInAPromptGiveAnInlineError(kind: ConstraintKind) {
        for typed in ["1e-310", "1e13", "1e308", "1e400", "-1e308", "4.9e-324", "9223372036854775807", "1e-", "--1", "."] {
            var state = handState(slo: 100)
            _ = state.reduce(.loaded([frame(1, split: 0, estimate: 8)], upTo: 1, reset: false))
            let key = DashboardBindings.entries.flatMap(\.commands).first { $0.command == .prompt(kind) }?.keys.first
            #expect(key != nil)
            if let key { _ = state.reduce(.key(key)) }
            for c in typed { _ = state.reduce(.key(.character(c))) }
            _ = state.reduce(.key(.enter))
            let quantity = kind.quantity(layerCount: state.context.layerCount)
            if let value = Double(typed), quantity.accepts(value) {
                #expect(state.prompt == nil, "\(typed) is in range for \(kind)")
            } else {
                #expect(state.prompt?.error != nil, "\(typed) for \(kind) must give an inline error")
                #expect(state.whatIf == nil, "\(typed) for \(kind) must change nothing")
            }
        }
    }

    @Test func helpScrollsAndClosesOnlyWithEscQuestionMarkOrQ() {
        var state = handState()
        state.size = TerminalSize(width: 80, height: 24)
        _ = state.reduce(.key(.character("?")))
        #expect(state.showHelp && state.helpScroll == 0)
        _ = state.reduce(.key(.down))
        #expect(state.helpScroll == 1)
        _ = state.reduce(.key(.pageDown))
        _ = state.reduce(.key(.pageDown))
        let bottom = state.helpScroll
        #expect(bottom > 1)
        let lines = HelpOverlay(bindings: DashboardBindings.keyBindings).lineCount
        #expect(bottom == lines - 22, "the last page ends at the last line (22 rows inside the box at 80×24)")
        _ = state.reduce(.key(.up))
        #expect(state.helpScroll == bottom - 1)
        for key: KeyEvent in [.character("x"), .character("s"), .enter, .left] {
            _ = state.reduce(.key(key))
            #expect(state.showHelp, "\(key) does not close the help")
            #expect(state.prompt == nil && state.whatIf == nil, "\(key) does nothing behind the help")
        }
        for key: KeyEvent in [.escape, .character("?"), .character("q")] {
            if !state.showHelp { _ = state.reduce(.key(.character("?"))) }
            #expect(state.showHelp)
            #expect(state.reduce(.key(key)).isEmpty)
            #expect(!state.showHelp, "\(key) closes the help")
        }
        _ = state.reduce(.key(.character("?")))
        #expect(state.reduce(.key(.ctrl("c"))) == [.quit])
    }

    @Test func theHelpListsEachBindingOnceAndEveryCommandHasAKey() {
        let labels = DashboardBindings.entries.map(\.label)
        #expect(Set(labels).count == labels.count)
        let descriptions = DashboardBindings.entries.map(\.description)
        #expect(Set(descriptions).count == descriptions.count)
        let keys = DashboardBindings.entries.flatMap(\.keys)
        #expect(Set(keys).count == keys.count, "a key runs one command")
        let commands: [DashboardCommand] = [.quit, .help, .pause, .faster, .slower, .seekBack, .seekForward, .seekStart, .seekEnd,
                                            .stepFrame, .cursorLeft, .cursorRight, .cursorPageLeft, .cursorPageRight, .pin, .unpin,
                                            .cyclePolicy, .backToRecording, .cycleTheme, .zoomIn, .zoomOut]
            + ConstraintKind.allCases.map { .prompt($0) }
        for command in commands {
            #expect(DashboardBindings.entries.contains { $0.commands.contains { $0.command == command } }, "\(command) has a key")
        }
    }

    /// The recording's operator events change what is in force from their time on; a seek back
    /// (a reset load without them) restores the header's values.
    @Test func recordedOperatorEventsAreInForceFromTheirTimeAndASeekBackRestores() {
        var state = handState(slo: 150)
        let setSLO = TimedEvent(t: 5, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "slo_ms", oldValue: 150, newValue: 120)))
        let setPolicy = TimedEvent(t: 6, event: .operatorAction(OperatorEvent(action: .setPolicy, field: "policy", oldValue: "neurosurgeon", newValue: "dsc")))
        let pin = TimedEvent(t: 7, event: .operatorAction(OperatorEvent(action: .pin, field: "partition", oldValue: .null, newValue: ["split": 2])))
        _ = state.reduce(.loaded([frame(4, split: 0, estimate: 8)], upTo: 4.5, reset: false))
        #expect(state.constraintsInForce.latencySLOMs == 150)
        #expect(state.policyInForce == .neurosurgeon)
        _ = state.reduce(.loaded([setSLO, setPolicy, pin, frame(7.5, split: 2, estimate: 8)], upTo: 8, reset: false))
        #expect(state.constraintsInForce.latencySLOMs == 120)
        #expect(state.policyInForce == .dsc)
        #expect(state.pinnedSplit == 2)
        _ = state.reduce(.key(.character("s")))
        #expect(state.prompt?.current == "120", "the prompt's hint is the SLO in force")
        _ = state.reduce(.key(.escape))
        // A what-if starts from what was in force, not from the header.
        _ = state.reduce(.key(.character("u")))
        #expect(state.whatIf?.controller.policyKind == .dsc)
        #expect(state.whatIf?.controller.constraints.latencySLOMs == 120)
        #expect(state.pinnedSplit == nil)
        _ = state.reduce(.key(.character("r")))
        #expect(state.pinnedSplit == 2)
        // Seek back to before the operator acted: the feed sends no operator events from later.
        _ = state.reduce(.loaded([frame(3, split: 0, estimate: 8)], upTo: 4, reset: true))
        #expect(state.constraintsInForce.latencySLOMs == 150)
        #expect(state.policyInForce == .neurosurgeon)
        #expect(state.pinnedSplit == nil)
        // Seek forward again: the feed sends the earlier operator events first.
        _ = state.reduce(.loaded([setSLO, setPolicy, frame(9, split: 0, estimate: 8)], upTo: 9, reset: true))
        #expect(state.constraintsInForce.latencySLOMs == 120 && state.policyInForce == .dsc)
        let unpin = TimedEvent(t: 9.5, event: .operatorAction(OperatorEvent(action: .unpin, field: "partition", oldValue: ["split": 2], newValue: .null)))
        let clear = TimedEvent(t: 9.6, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "slo_ms", oldValue: 120, newValue: .null)))
        let absurd = TimedEvent(t: 9.7, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "memory_mb", oldValue: .null, newValue: 1e308)))
        _ = state.reduce(.loaded([unpin, clear, absurd], upTo: 10, reset: false))
        #expect(state.constraintsInForce.latencySLOMs == nil)
        #expect(state.constraintsInForce.deviceMemoryMB == nil, "a recorded value out of range is not applied")
        #expect(state.log.last?.text.contains("not applied") == true)
        // A pin beyond the model is not understood either: never clamped to the last split.
        let beyond = TimedEvent(t: 9.8, event: .operatorAction(OperatorEvent(action: .pin, field: "partition", oldValue: .null, newValue: ["split": 99_999])))
        _ = state.reduce(.loaded([beyond], upTo: 10.5, reset: false))
        #expect(state.pinnedSplit == nil)
        #expect(state.log.last?.text.contains("not applied") == true)
    }

    @Test func inALiveSessionOverridesGoToTheController() {
        var state = handState()
        state.mode = .live
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 0.08)], upTo: 1, reset: false))
        _ = state.reduce(.key(.left))
        #expect(state.reduce(.key(.enter)) == [.sendToController(.pin(2))])
        #expect(state.whatIf == nil, "a live override is not a what-if")
        #expect(state.reduce(.key(.character("p"))) == [.sendToController(.policy(.dsc))])
        _ = state.reduce(.key(.character("s")))
        for c in "80" { _ = state.reduce(.key(.character(c))) }
        #expect(state.reduce(.key(.enter)) == [.sendToController(.constraint(.latencySLO, 80))])
    }

    @Test func inALiveSessionWhatIfIsAnExplicitModeAndSeekingIsOff() {
        var state = handState()
        state.mode = .live
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 0.08)], upTo: 1, reset: false))
        #expect(state.reduce(.key(.character("["))).isEmpty, "no seek in a live session")
        #expect(state.status?.contains("seeking is off") == true)
        #expect(state.reduce(.key(.character("w"))).isEmpty)
        #expect(state.liveWhatIf)
        _ = state.reduce(.key(.left))
        #expect(state.reduce(.key(.enter)).isEmpty, "in what-if mode a pin is not sent")
        #expect(state.whatIf?.controller.pinned?.prefixSplit == 2)
        _ = state.reduce(.key(.character("w")))
        #expect(!state.liveWhatIf && state.whatIf == nil, "w again drops the what-if and steers the session")
        #expect(state.reduce(.key(.enter)) == [.sendToController(.pin(2))])
        // In a replay, w changes nothing: every override there is a what-if already.
        var replay = handState()
        _ = replay.reduce(.key(.character("w")))
        #expect(!replay.liveWhatIf)
    }

    @Test func aLiveFeedLosingItsSessionIsShownUntilItIsBack() {
        var state = handState()
        state.mode = .live
        #expect(state.reduce(.connection(connected: false, message: "connection to x lost — retrying in 500 ms")).isEmpty)
        #expect(!state.liveConnected && state.status?.contains("lost") == true)
        #expect(state.log.last?.kind == .fault)
        _ = state.reduce(.connection(connected: true, message: "reconnected to x"))
        #expect(state.liveConnected && state.log.last?.kind == .note)
    }

    @Test func aSignalOrANoticeFromOutside() {
        var state = handState()
        #expect(state.reduce(.terminate(signal: 15)) == [.quit])
        _ = state.reduce(.notice("skipped 2 damaged lines"))
        #expect(state.log.last?.kind == .note && state.status == "skipped 2 damaged lines")
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
