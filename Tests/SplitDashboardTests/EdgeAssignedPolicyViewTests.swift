import SplitControl
import SplitDashboard
import SplitModels
import SplitPlanners
import SplitSession
import SplitTerminal
import Testing

/// A live device that followed its edge's assignment shows so in the header, not as its own
/// policy: `policy edge-assigned (mincut when alone)`, shortened at 80 columns.
@Suite("A device that follows its edge in the header")
struct EdgeAssignedPolicyViewTests {
    static func state(width: Int) -> DashboardState {
        var header = handHeader()
        header.source = .live
        header.policy = EdgeAssignedPolicy.name(own: .mincut)
        header.versions = [SessionModelVersion(name: "full", accuracyPercent: 90.21, model: handChain()),
                           SessionModelVersion(name: "p50", accuracyPercent: 80.74, model: VersionViewTests.pruned)]
        var state = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        state.size = TerminalSize(width: width, height: 24)
        _ = state.reduce(.loaded([VersionViewTests.versioned(1, split: 1, version: "p50")], upTo: 1, reset: false))
        return state
    }

    static func headerLine(_ state: DashboardState) -> String {
        DashboardView.render(state, size: state.size).lines[0]
    }

    @Test func theHeaderSaysTheEdgeAssignsAtEveryWidth() {
        let wide = Self.headerLine(Self.state(width: 160))
        #expect(wide.contains("policy edge-assigned (mincut when alone)"), "\(wide)")
        let narrow = Self.headerLine(Self.state(width: 80))
        #expect(narrow.contains("edge-assigned"), "\(narrow)")
        #expect(!narrow.contains("policy mincut"), "\(narrow)")
        #expect(narrow.contains("00:01.0 / 01:00.0"), "\(narrow)")
    }

    @Test func theOwnPolicyIsWhatAWhatIfStartsFromAndAPolicyChangeKeepsFollowing() {
        var state = Self.state(width: 120)
        #expect(state.context.policy == .mincut)
        #expect(state.recorded.policy == .mincut)
        let change = TimedEvent(t: 2, event: .operatorAction(OperatorEvent(action: .setPolicy, field: nil,
                                                                           oldValue: .string("mincut"), newValue: .string("gads"))))
        _ = state.reduce(.loaded([change], upTo: 2, reset: false))
        #expect(state.policyNameInForce == "edge-assigned (gads when alone)")
        #expect(state.recorded.policy == .gads)
        // A what-if keeps the recorded name until its own policy changes.
        for c in "a85" { _ = state.reduce(.key(.character(c))) }
        _ = state.reduce(.key(.enter))
        #expect(state.policyNameInForce == "edge-assigned (gads when alone)")
    }
}
