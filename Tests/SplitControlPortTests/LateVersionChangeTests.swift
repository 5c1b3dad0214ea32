import Foundation
import SplitControlPort
import SplitDashboard
import SplitModels
import SplitSession
import Testing

/// A dashboard that attaches after a change of model version logs that change as a replay of
/// the recording does. (A review attached 5 s into three devices on one edge and read
/// `00:01.2 split 0 → 0 edge_shares` for cam-1, where `replay cam-1.jsonl` says
/// `p50 → full, split 0`: the standing decision named its new version, and the dashboard, having
/// seen no frame before it, took that for the first version seen.)
@Suite("Late attach and a change of version")
struct LateVersionChangeTests {
    /// A family of two versions of resnet18's profile (their layers do not matter here).
    static func header(_ profile: ModelProfile) -> SessionHeader {
        SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .live, fps: 10, model: profile,
                      versions: [SessionModelVersion(name: "full", accuracyPercent: 90.2, model: profile),
                                 SessionModelVersion(name: "p50", accuracyPercent: 80.7, model: profile)])
    }

    static func frame(_ t: Double, version: String, device: String? = "cam-1") -> TimedEvent {
        var event = FrameEvent(frame: Int((t * 10).rounded()), partition: .split(0), predictedMs: 20, deviceMs: 0, bytesSent: 1000,
                               transferMs: 5, edgeMs: 5, totalMs: 20, energyMJ: 1, outcome: .ok)
        event.version = version
        return TimedEvent(t: t, device: device, event: .frame(event))
    }

    /// p50 from the start, then the edge's shares move cam-1 to full at 1.2 s, then full's frames.
    /// `tagged`: every event names cam-1 (a device that joined an edge already shared), else the
    /// start and p50's frames name none (a device alone on its edge tags nothing) and the start
    /// decision is left out, so only the frames say p50 ran.
    static func history(tagged: Bool) -> [TimedEvent] {
        let before: String? = tagged ? "cam-1" : nil
        let start = TimedEvent(t: 0, device: before, event: .decision(DecisionEvent(from: nil, to: .split(0), version: "p50",
                                                                                    reason: .start)))
        return (tagged ? [start] : []) + [
            frame(0.1, version: "p50", device: before), frame(0.6, version: "p50", device: before),
            frame(1.1, version: "p50", device: before),
            TimedEvent(t: 1.2, device: "cam-1", event: .decision(DecisionEvent(from: .split(0), to: .split(0), version: "full",
                                                                               reason: .edgeShares))),
            frame(1.3, version: "full"), frame(4.9, version: "full"),
        ]
    }

    /// The decision lines and version lines of a log.
    static func decisionLines(_ state: DashboardState) -> [String] {
        state.log.filter { $0.kind == .decision }.map { "\(($0.t * 10).rounded() / 10) \($0.text)" }
    }

    @Test(arguments: [true, false])
    func aLateDashboardLogsTheChangeAsTheReplayDoes(tagged: Bool) throws {
        let profile = try resnet18()
        let header = Self.header(profile)
        // The replay of the whole recording: what the late dashboard must say about 1.2 s.
        var replay = DashboardState(context: SessionContext(header: header), duration: 5)
        _ = replay.reduce(.loaded(Self.history(tagged: tagged), upTo: 5, reset: false))
        let replayed = Self.decisionLines(replay).filter { $0.hasPrefix("1.2 ") }
        #expect(replayed.contains { $0.contains("p50 → full, split 0") }, "\(replayed)")

        let port = try RunningPort(profile: profile, header: header)
        defer { port.server.close() }
        port.publisher.setHeader(header, device: "cam-1")
        for event in Self.history(tagged: tagged) { port.publisher.publish(event) }
        // Attached at 5 s, over TCP: only the header and what stands arrive.
        let inbox = DashboardInbox()
        let feed = LiveFeed(address: ControlAddress(host: "127.0.0.1", port: port.server.port), token: nil, inbox: inbox)
        defer { feed.stop() }
        var late = DashboardState(context: SessionContext(header: try feed.connect(timeoutS: 10)), duration: 0, mode: .live)
        #expect(eventually {
            for action in inbox.drain() { _ = late.reduce(action) }
            return late.lastDecisionReason != nil
        }, "the standing decision arrives without any new event")
        // Then the device goes on with full's frames.
        port.publisher.publish(Self.frame(5.0, version: "full"))
        #expect(eventually {
            for action in inbox.drain() { _ = late.reduce(action) }
            return late.lastFrame?.frame == 50
        })
        let lines = Self.decisionLines(late)
        #expect(lines.filter { $0.hasPrefix("1.2 ") } == replayed, "late: \(lines)\nreplay: \(Self.decisionLines(replay))")
        #expect(late.recordedVersion == "full")
        #expect(late.context.version?.name == "full", "the layer view draws full")
    }
}
