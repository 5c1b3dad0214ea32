import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// A session of model versions in the dashboard: the header names the version in force and its
/// accuracy, the layer view draws that version's layers, and the log shows each change of version.
@Suite("Model versions in the dashboard")
struct VersionViewTests {
    /// The hand chain pruned to two layers with smaller outputs.
    static let pruned = ModelProfile(name: "hand-p50", inputBytes: 1000, layers: [
        ProfileLayer(name: "L1", inputs: [.input], outputBytes: 1000, deviceMs: 5, edgeMs: 0.5, params: 50),
        ProfileLayer(name: "L3", inputs: [.layer(0)], outputBytes: 100, deviceMs: 25, edgeMs: 0.25, params: 5),
    ])

    static func state(size: TerminalSize = TerminalSize(width: 120, height: 40)) -> DashboardState {
        var header = handHeader()
        header.versions = [SessionModelVersion(name: "full", accuracyPercent: 90.21, model: handChain()),
                           SessionModelVersion(name: "p50", accuracyPercent: 80.74, compression: "channel pruning, 50 % kept",
                                               model: pruned)]
        var state = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        state.size = size
        return state
    }

    static func versioned(_ t: Double, split: Int, version: String) -> TimedEvent {
        guard case .frame(var event) = frame(t, split: split, estimate: 5).event else { return frame(t, split: split, estimate: 5) }
        event.version = version
        return TimedEvent(t: t, event: .frame(event))
    }

    static func render(_ state: DashboardState) -> String {
        DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
    }

    @Test func theHeaderAndLayersFollowTheVersionOfTheLastFrame() {
        var state = Self.state()
        _ = state.reduce(.loaded([Self.versioned(1, split: 3, version: "full")], upTo: 1, reset: false))
        #expect(state.context.layerCount == 3)
        var text = Self.render(state)
        #expect(text.contains("hand (full) 90.2 % 3L chain"), "\(text)")
        #expect(text.contains("layers · hand (full)"))
        #expect(text.contains("split 3/3"))
        #expect(text.contains("cursor 3: after L3"))

        _ = state.reduce(.loaded([Self.versioned(2, split: 1, version: "p50")], upTo: 2, reset: false))
        #expect(state.context.layerCount == 2)
        #expect(state.cursor == 2)
        text = Self.render(state)
        #expect(text.contains("hand-p50 80.7 % 2L chain"), "\(text)")
        #expect(text.contains("layers · hand-p50 · "))
        #expect(text.contains("split 1/2 after L1, sends 1.0 kB"), "\(text)")
        // The first version seen is no change; the switch to p50 is.
        #expect(state.log.map(\.text).filter { $0.hasPrefix("version") } == ["version full → p50  (controller)  80.7 %, 2 layers"])
    }

    @Test func aRaisedFloorIsNamedAsTheReason() {
        var state = Self.state()
        let floor = TimedEvent(t: 2, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "accuracy_floor_pct",
                                                                          oldValue: .null, newValue: .number(85))))
        _ = state.reduce(.loaded([Self.versioned(1, split: 1, version: "p50"), floor, Self.versioned(3, split: 2, version: "full")],
                                 upTo: 3, reset: false))
        #expect(state.log.contains { $0.text == "version p50 → full  (accuracy floor)  90.2 %, 3 layers" }, "\(state.log)")
    }

    @Test func thePrunedVersionsSmallerOutputsShow() {
        var state = Self.state()
        state.cursor = 1
        _ = state.reduce(.loaded([Self.versioned(1, split: 0, version: "full")], upTo: 1, reset: false))
        #expect(Self.render(state).contains("cursor 1: after L1 (-, out 2.0 kB"), "\(Self.render(state))")
        _ = state.reduce(.loaded([Self.versioned(2, split: 0, version: "p50")], upTo: 2, reset: false))
        #expect(Self.render(state).contains("cursor 1: after L1 (-, out 1.0 kB"), "\(Self.render(state))")
    }

    @Test func aSeekStartsFromTheHeadersModelAgain() {
        var state = Self.state()
        _ = state.reduce(.loaded([Self.versioned(1, split: 1, version: "p50")], upTo: 1, reset: false))
        _ = state.reduce(.loaded([], upTo: 0, reset: true))
        #expect(state.context.version == nil)
        #expect(state.context.layerCount == 3)
        #expect(state.log.isEmpty)
    }

    /// A recording `simulate --versions Models/fashion-edge-versions.json` wrote (the command is in
    /// Golden/versions-replay.md): p50 until the floor of 89 % at 4 s, then int8.
    @Test func aSimulatedSessionOfVersionsReplays() throws {
        let path = packageRoot.appendingPathComponent("Tests/SplitDashboardTests/Golden/versions-replay.jsonl").path
        let recording = try SessionReader.read(path: path)
        #expect(recording.diagnostics.isEmpty, "\(recording.diagnostics)")
        guard case .session(let header) = recording.events[0].event else {
            Issue.record("no header")
            return
        }
        #expect(header.versions.map(\.name) == ["full", "p75", "p50", "int8", "p50-int8"])
        var state = DashboardState(context: SessionContext(header: header), duration: 8, themes: Theme.builtins, glyphs: .unicode)
        state.size = TerminalSize(width: 120, height: 40)
        _ = state.reduce(.loaded(recording.events.filter { $0.t < 4 }, upTo: 4, reset: false))
        let early = Self.render(state)
        #expect(early.contains("fashion-edge-p50 80.7 %"), "\(early)")
        _ = state.reduce(.loaded(recording.events.filter { $0.t >= 4 }, upTo: 8, reset: false))
        let late = Self.render(state)
        #expect(late.contains("fashion-edge-int8 90.2 %"), "\(late)")
        #expect(state.log.contains { $0.text.hasPrefix("version p50 → int8  (accuracy floor)") }, "\(state.log)")
        #expect(try matchesGolden(late + "\n", named: "versions-replay-120x40.txt"))
    }

    /// A recording's note that no version meets the floor (what the frame loop writes) shows in the
    /// replay's log and on screen, as recorded.
    @Test func aRecordedUnmetFloorShowsInTheLog() {
        var state = Self.state()
        let note = "no version meets the accuracy floor: falling back to the most accurate (floor 99 %; full is 90.21 %)"
        _ = state.reduce(.loaded([TimedEvent(t: 0, event: .note(NoteEvent(text: note))), Self.versioned(0, split: 3, version: "full")],
                                 upTo: 1, reset: false))
        #expect(state.log.contains { $0.kind == .note && $0.text == note }, "\(state.log)")
        #expect(Self.render(state).contains("no version meets the accuracy floor"))
    }

    /// A decision that moves to another version names the versions in its line: at the same split
    /// (as an edge may assign) the split once, else both; a decision within one version names
    /// splits only. (A decision event names partitions; the frame it decided names the version.)
    @Test func aDecisionToAnotherVersionNamesIt() {
        var state = Self.state()
        func decision(_ t: Double, from: Int?, to: Int, _ reason: DecisionReason) -> TimedEvent {
            TimedEvent(t: t, event: .decision(DecisionEvent(from: from.map { .split($0) }, to: .split(to), reason: reason, predictedMs: 12)))
        }
        _ = state.reduce(.loaded([
            decision(0, from: nil, to: 0, .start), Self.versioned(0, split: 0, version: "p50"),
            decision(1, from: 0, to: 0, .edgeShares), Self.versioned(1, split: 0, version: "full"),
            decision(2, from: 0, to: 2, .bandwidth), Self.versioned(2, split: 2, version: "full"),
            decision(3, from: 2, to: 1, .constraint), Self.versioned(3, split: 1, version: "p50"),
        ], upTo: 3, reset: false))
        let lines = state.log.filter { $0.kind == .decision }.map(\.text)
        #expect(lines == [
            "split - → 0  start  pred 12.0 ms",
            "p50 → full, split 0  edge_shares  pred 12.0 ms",
            "version p50 → full  (edge_shares)  90.2 %, 3 layers",
            "split 0 → 2  bandwidth  pred 12.0 ms",
            "full → p50, split 2 → 1  constraint  pred 12.0 ms",
            "version full → p50  (constraint)  80.7 %, 2 layers",
        ], "\(lines)")
    }
    /// A decision that names its version (since 1.5) says the change at the decision itself: the
    /// layers are the new version's before any frame of it, and the log names the versions even
    /// when the frame it decided is not delivered with it (a seek that stops at the decision) or
    /// is dropped.
    @Test func aDecisionNamingItsVersionShowsItAtTheDecision() {
        var state = Self.state()
        func decision(_ t: Double, from: Int?, to: Int, version: String, _ reason: DecisionReason) -> TimedEvent {
            TimedEvent(t: t, event: .decision(DecisionEvent(from: from.map { .split($0) }, to: .split(to), version: version,
                                                            reason: reason, predictedMs: 12)))
        }
        _ = state.reduce(.loaded([decision(0, from: nil, to: 0, version: "p50", .start), Self.versioned(0, split: 0, version: "p50"),
                                  decision(1, from: 0, to: 0, version: "full", .edgeShares)], upTo: 1, reset: false))
        // Full's three layers are drawn at the decision, before any frame ran it.
        #expect(state.recordedVersion == "full")
        #expect(state.context.layerCount == 3)
        #expect(state.log.filter { $0.kind == .decision }.map(\.text) == [
            "split - → 0  start  pred 12.0 ms",
            "p50 → full, split 0  edge_shares  pred 12.0 ms",
            "version p50 → full  (edge_shares)  90.2 %, 3 layers",
        ], "\(state.log)")
        // Its frame, later and dropped, changes nothing more.
        guard case .frame(var dropped) = Self.versioned(1.2, split: 0, version: "full").event else { return }
        dropped.outcome = .dropped
        _ = state.reduce(.loaded([TimedEvent(t: 1.2, event: .frame(dropped))], upTo: 1.2, reset: false))
        #expect(state.log.filter { $0.kind == .decision }.count == 3, "\(state.log)")
    }
}
