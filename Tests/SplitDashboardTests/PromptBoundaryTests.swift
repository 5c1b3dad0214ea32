import SplitDashboard
import SplitPlanners
import SplitSession
import SplitTerminal
import Testing

/// The limits of each constraint's accepted range go through the prompt into the what-if
/// re-simulation, and the dashboard keeps drawing.
@Suite("Prompt boundaries")
struct PromptBoundaryTests {
    @Test(arguments: ConstraintKind.allCases)
    func theLimitsOfEachRangeReSimulateAndDraw(kind: ConstraintKind) throws {
        let base = try GoldenTests.state("SampleTraces/sessions/resnet50-lte-walk.jsonl", at: 30, size: TerminalSize(width: 120, height: 40))
        let quantity = kind.quantity(layerCount: base.context.layerCount)
        let key = try #require(DashboardBindings.entries.flatMap(\.commands).first { $0.command == .prompt(kind) }?.keys.first)
        for value in [quantity.lowest, quantity.highest] {
            var state = base
            _ = state.reduce(.key(key))
            let typed = value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
            for c in typed { _ = state.reduce(.key(.character(c))) }
            _ = state.reduce(.key(.enter))
            #expect(state.prompt == nil, "\(typed) is accepted for \(kind): \(state.prompt?.error ?? "")")
            for t in stride(from: 30.1, to: 31, by: 0.1) {
                _ = state.reduce(.loaded([frame(t, split: 0, estimate: 1e-6)], upTo: t, reset: false))
            }
            let screen = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
            #expect(screen.contains("WHAT-IF"))
        }
    }
}

@Suite("Prompt line")
struct PromptLineTests {
    @Test func atEightyColumnsTheHintAndTheErrorShow() throws {
        var state = try GoldenTests.state("SampleTraces/sessions/resnet50-lte-walk.jsonl", at: 100, size: TerminalSize(width: 80, height: 24))
        _ = state.reduce(.key(.character("s")))
        var last = DashboardView.render(state, size: state.size).lines[23]
        #expect(last.contains("latency SLO (ms)") && last.contains("now 120"), "\(last)")
        for c in "1e-310" { _ = state.reduce(.key(.character(c))) }
        _ = state.reduce(.key(.enter))
        last = DashboardView.render(state, size: state.size).lines[23]
        #expect(last.contains("1e-310") && last.contains("enter from 0.001 to"), "\(last)")
        _ = state.reduce(.key(.character("x")))
        last = DashboardView.render(state, size: state.size).lines[23]
        #expect(last.contains("'x' cannot be part"), "\(last)")
    }
}
