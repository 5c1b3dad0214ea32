import SplitDashboard
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
