import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// The batch-size key: `B` opens a prompt checked against the catalogue's batch range; a live
/// session sends the change to the controller, a replay re-simulates it as a what-if; the header
/// shows the batch in force when it is not 1.
@Suite("Dashboard batch key")
struct BatchKeyTests {
    func batched(_ t: Double, split: Int, batch: Int?) -> TimedEvent {
        guard case .frame(var event) = frame(t, split: split, estimate: 8).event else { return frame(t, split: split, estimate: 8) }
        event.batch = batch
        return TimedEvent(t: t, event: .frame(event))
    }

    @Test func theKeyOpensAPromptWithTheBatchInForceAndRefusesWhatTheCatalogueRefuses() {
        var state = handState()
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 8)], upTo: 1, reset: false))
        #expect(DashboardBindings.command(for: .character("B")) == .promptBatch)
        _ = state.reduce(.key(.character("B")))
        #expect(state.prompt == PromptState(setting: .batch, text: "", current: "1"))
        #expect(state.prompt?.label == "batch size (samples per frame)")
        _ = state.reduce(.key(.enter))
        #expect(state.prompt?.error == "enter a whole number from 1 to 65536", "a batch cannot be cleared")
        for typed in ["0", "2.5", "1e9"] {
            for c in typed { _ = state.reduce(.key(.character(c))) }
            _ = state.reduce(.key(.enter))
            #expect(state.prompt?.error == "enter a whole number from 1 to 65536", "\(typed)")
            for _ in typed { _ = state.reduce(.key(.backspace)) }
        }
        #expect(state.whatIf == nil)
    }

    @Test func inAReplayItIsAWhatIfAndTheHeaderShowsIt() {
        var state = handState()
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 8)], upTo: 1, reset: false))
        _ = state.reduce(.key(.character("B")))
        for c in "4" { _ = state.reduce(.key(.character(c))) }
        #expect(state.reduce(.key(.enter)).isEmpty)
        #expect(state.prompt == nil)
        #expect(state.whatIf?.controller.batch == 4)
        #expect(state.whatIf?.overrides == ["batch 4"])
        #expect(state.batchInForce == 4)
        #expect(state.log.last?.text.contains("what-if: set_batch batch 1 \(state.arrow) 4") == true, "\(state.log.last?.text ?? "")")
        let header = DashboardView.render(state, size: TerminalSize(width: 120, height: 40)).lines[0]
        #expect(header.contains("batch 4"), "\(header)")
    }

    @Test func inALiveSessionItGoesToTheControllerAndTheHeaderFollowsTheFrames() {
        var state = handState()
        state.mode = .live
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 8)], upTo: 1, reset: false))
        let plain = DashboardView.render(state, size: TerminalSize(width: 120, height: 40)).lines[0]
        #expect(!plain.contains("batch"), "batch 1 is not shown")
        _ = state.reduce(.key(.character("B")))
        for c in "8" { _ = state.reduce(.key(.character(c))) }
        #expect(state.reduce(.key(.enter)) == [.sendToController(.batch(8))])
        #expect(state.whatIf == nil)
        _ = state.reduce(.loaded([batched(2, split: 2, batch: 8)], upTo: 2, reset: false))
        #expect(state.batchInForce == 8)
        let header = DashboardView.render(state, size: TerminalSize(width: 120, height: 40)).lines[0]
        #expect(header.contains("batch 8"), "\(header)")
    }

    @Test func aRecordedBatchChangeIsInForceFromItsTimeAndAWhatIfStartsFromIt() {
        var state = handState()
        let change = TimedEvent(t: 1.5, event: .operatorAction(OperatorEvent(action: .setBatch, field: "batch", oldValue: 1, newValue: 4)))
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 8), change], upTo: 2, reset: false))
        #expect(state.recorded.batch == 4)
        #expect(state.log.last?.text.contains("not applied") == false, "\(state.log.last?.text ?? "")")
        _ = state.reduce(.key(.character("p")))
        #expect(state.whatIf?.controller.batch == 4, "the what-if re-simulates frames of the recorded size")
        #expect(state.whatIf?.overrides.contains("batch 4") == false, "carried over, not an override")
        let broken = TimedEvent(t: 2.5, event: .operatorAction(OperatorEvent(action: .setBatch, field: "batch", oldValue: 4, newValue: 0)))
        var other = handState()
        _ = other.reduce(.loaded([broken], upTo: 3, reset: false))
        #expect(other.recorded.batch == 1, "a size outside the catalogue's range is not applied")
    }
}
