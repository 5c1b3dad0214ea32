import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// A recorded split beyond the header's model (another model version's, or a damaged file's)
/// is named in the layer view and the log, never used as an index: the dashboard draws on.
@Suite("Partitions beyond the model")
struct ForeignPartitionTests {
    @Test(arguments: [999, 5, -3])
    func aSplitBeyondTheModelIsNamedNotDrawn(_ k: Int) {
        let layers = handChain().layerCount
        for size in [TerminalSize(width: 120, height: 40), TerminalSize(width: 80, height: 24), TerminalSize(width: 40, height: 12)] {
            var state = handState()
            state.size = size
            let decision = TimedEvent(t: 0.5, event: .decision(DecisionEvent(from: .split(1), to: .split(k), reason: .bandwidth)))
            var events = [frame(0.2, split: 1, estimate: 5), decision, frame(1, split: k, estimate: 5)]
            events.append(frame(1.5, split: layers + 50, estimate: 5))
            _ = state.reduce(.loaded(events, upTo: 2, reset: false))
            let text = DashboardView.render(state, size: size).lines.joined(separator: "\n")
            #expect(!text.isEmpty)
            if size.width >= 120 {
                #expect(text.contains("split \(layers + 50) is beyond this model's \(layers) layers"), "\(text)")
            }
            // Moving the cursor over every column and zooming draws on as well.
            for action in [DashboardAction.key(.right), .key(.end), .key(.left), .key(.character("+")), .key(.character("-"))] {
                _ = state.reduce(action)
                _ = DashboardView.render(state, size: size)
            }
        }
    }
}
