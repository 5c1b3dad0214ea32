import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// The log reads in the order things happened, whatever order the events arrive in: a late
/// `attach` first gets the session's standing events (the edge's shares, the last decision) in
/// the order the device published them, and several devices' ports interleave.
@Suite("Log in time order")
struct LogOrderTests {
    static let shares = SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: 20), devices: [
        DeviceShare(device: "cam-1", split: 2, computeShare: 0.5, bandwidthShare: 0.25),
        DeviceShare(device: "cam-2", split: 0, computeShare: 0.5, bandwidthShare: 0.75),
    ])

    static func start(_ t: Double, device: String) -> TimedEvent {
        TimedEvent(t: t, device: device, event: .decision(DecisionEvent(from: nil, to: .split(2), reason: .start, predictedMs: 40)))
    }

    /// A live dashboard that has just attached to device cam-1 and got its header.
    static func attached() -> DashboardState {
        var state = DashboardState(context: SessionContext(header: handHeader()), duration: 0, mode: .live)
        _ = state.reduce(.loaded([TimedEvent(t: 0, device: "cam-1", event: .session(handHeader()))], upTo: 0, reset: false))
        return state
    }

    @Test("the standing shares, published after the start decision's time, log after it")
    func lateAttachLogsStartBeforeShares() {
        var state = Self.attached()
        _ = state.reduce(.loaded([TimedEvent(t: 2.5, event: .shares(Self.shares)), Self.start(0.1, device: "cam-1")],
                                 upTo: 2.5, reset: false))
        #expect(state.log.map(\.t) == [0.1, 2.5])
        #expect(state.log.first?.text.hasPrefix("split - → 2  start") == true, "\(state.log.map(\.text))")
        #expect(state.log.last?.text.hasPrefix("edge shares: split 2") == true, "\(state.log.map(\.text))")

        // Later events go on after them; one at the same time as an earlier line follows it.
        _ = state.reduce(.loaded([TimedEvent(t: 2.5, device: "cam-1", event: .note(NoteEvent(text: "same time"))),
                                  TimedEvent(t: 3, device: "cam-1", event: .fault(FaultEvent(kind: .edgeLost)))],
                                 upTo: 3, reset: false))
        #expect(state.log.map(\.text).suffix(2) == ["same time", "fault edge_lost"], "\(state.log.map(\.text))")
        #expect(state.log.map(\.t) == state.log.map(\.t).sorted())
    }

    @Test("each device of a fleet keeps its own log in time order")
    func fleetLogsInTimeOrder() {
        var state = Self.attached()
        _ = state.reduce(.loaded([Self.start(0.5, device: "cam-2"), TimedEvent(t: 2, event: .shares(Self.shares)),
                                  Self.start(0.2, device: "cam-1")], upTo: 2, reset: false))
        #expect(state.shownDeviceID == "cam-1")
        #expect(state.log.map(\.t) == [0.2, 2], "\(state.log.map(\.text))")
        _ = state.reduce(.key(.character("d")))
        #expect(state.shownDeviceID == "cam-2")
        #expect(state.log.map(\.t) == [0.5, 2], "\(state.log.map(\.text))")
    }
}
