import Foundation
import SplitSession
import Testing
@testable import SplitCommands

/// What the live device's terminal says about its edge: each fault once when it starts, and a
/// closing line that accounts for the frames the loss cost.
@Suite("Edge fault log")
struct EdgeFaultLogTests {
    static let wall = Date(timeIntervalSince1970: 1_764_567_667)  // 05:41:07 UTC

    static func frame(_ index: Int, _ outcome: FrameOutcome, at t: Double) -> TimedEvent {
        TimedEvent(t: t, event: .frame(FrameEvent(frame: index, partition: .split(3), outcome: outcome)))
    }

    static func fault(_ kind: FaultKind, _ action: String?, at t: Double) -> TimedEvent {
        TimedEvent(t: t, event: .fault(FaultEvent(kind: kind, action: action)))
    }

    /// Feeds every event and returns the lines said, in order.
    static func said(_ log: inout EdgeFaultLog, _ events: [TimedEvent]) -> [String] {
        events.compactMap { log.take($0, at: wall) }
    }

    @Test func aLostEdgeIsSaidOnceWithTimePeerCauseAndWhatTheDeviceDoes() {
        var log = EdgeFaultLog(edge: "127.0.0.1:8001")
        let cause = #"edge request failed: unavailable: "Could not establish a connection to 127.0.0.1:8001.""#
        let lines = Self.said(&log, [
            Self.frame(0, .ok, at: 0),
            Self.fault(.edgeLost, "\(cause); finish locally, run on the device, probe every 1.0 s", at: 2.5),
            Self.frame(25, .local, at: 2.5),
            Self.frame(26, .dropped, at: 2.6),
            Self.frame(27, .dropped, at: 2.7),
            Self.frame(28, .ok, at: 2.8),
            // A second edge_lost while lost (a newer device's, say) is not said twice.
            Self.fault(.edgeLost, "again", at: 3),
        ])
        #expect(lines.count == 1)
        let line = lines.first ?? ""
        #expect(line.hasPrefix("05:41:07 UTC (session 2.5 s): lost the edge 127.0.0.1:8001: edge request failed: unavailable"), "\(line)")
        #expect(line.hasSuffix("; now: finish locally, run on the device, probe every 1.0 s"), "\(line)")
        #expect(log.closingLine == "edge 127.0.0.1:8001 lost once (0.5 s in all, still lost at the end): while lost, "
            + "1 frame finished on the device and 2 dropped")
    }

    @Test func theEdgeComingBackIsSaidAndEndsTheCount() {
        var log = EdgeFaultLog(edge: "10.0.0.2:8001")
        let lines = Self.said(&log, [
            Self.fault(.edgeLost, "answer on the device", at: 1),  // a cascade's: no cause recorded
            Self.frame(10, .local, at: 1),
            Self.fault(.edgeBack, "resume offloading", at: 3),
            Self.frame(30, .local, at: 3.1),  // not while lost
            Self.frame(31, .dropped, at: 3.2),
            Self.fault(.edgeLost, "edge request failed: deadline exceeded; finish locally", at: 5),
            Self.frame(50, .dropped, at: 5.5),
        ])
        #expect(lines.count == 3, "\(lines)")
        #expect(lines[0].hasSuffix("lost the edge 10.0.0.2:8001; now: answer on the device"), "\(lines[0])")
        #expect(lines[1] == "05:41:07 UTC (session 3.0 s): the edge 10.0.0.2:8001 answers again; now: resume offloading")
        #expect(log.closingLine == "edge 10.0.0.2:8001 lost 2 times (2.5 s in all, still lost at the end): while lost, "
            + "1 frame finished on the device and 1 dropped")
    }

    /// An edge that timed out is said as such, not as lost, and counts in the closing line as a loss.
    @Test func aTimeoutIsSaidAsATimeout() {
        var log = EdgeFaultLog(edge: "127.0.0.1:8001")
        let lines = Self.said(&log, [
            Self.fault(.edgeTimeout, "the edge answered nothing within its 1200 ms deadline; finish locally", at: 1),
            Self.frame(10, .local, at: 1),
            Self.fault(.edgeBack, "resume offloading", at: 2),
        ])
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasSuffix("the edge 127.0.0.1:8001 timed out (connected, but no answer in time): "
            + "the edge answered nothing within its 1200 ms deadline; now: finish locally") == true, "\(lines)")
        #expect(log.closingLine?.contains("lost once") == true, "\(log.closingLine ?? "")")
    }

    @Test func aSessionWhoseEdgeNeverFailedSaysNothing() {
        var log = EdgeFaultLog(edge: "127.0.0.1:8001")
        #expect(Self.said(&log, [Self.frame(0, .ok, at: 0), Self.frame(1, .dropped, at: 0.1)]).isEmpty)
        #expect(log.closingLine == nil)
    }

    /// The cause is the network's words: its control characters are escaped and it is bounded.
    @Test func theCauseIsEscapedAndBounded() {
        var log = EdgeFaultLog(edge: "127.0.0.1:8001")
        let hostile = "edge request failed: \u{1B}[2J" + String(repeating: "x", count: 5_000) + "; finish locally"
        let line = Self.said(&log, [Self.fault(.edgeLost, hostile, at: 0)]).first ?? ""
        #expect(!line.contains("\u{1B}"))
        #expect(line.contains("\\u{1B}[2J"))
        #expect(line.count < 400, "\(line.count) characters")
        #expect(line.hasSuffix("; now: finish locally"))
    }

    /// Every fault kind the session format knows is said by the log (none falls through silently).
    @Test(arguments: FaultKind.known)
    func everyKnownFaultIsSaid(kind: FaultKind) {
        var log = EdgeFaultLog(edge: "e:1")
        // edge_back is said after a loss, as the device records it.
        if kind == .edgeBack { _ = log.take(Self.fault(.edgeLost, nil, at: 0), at: Self.wall) }
        #expect(log.take(Self.fault(kind, "x", at: 1), at: Self.wall) != nil)
    }
}
