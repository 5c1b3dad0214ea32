import Foundation
import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// A feed that answers from a fixed list of events and remembers every effect it was given,
/// the way a live feed would receive the operator's commands.
final class RecordingFeed: DashboardFeed, @unchecked Sendable {
    let events: [TimedEvent]
    private(set) var effects: [DashboardEffect] = []

    init(events: [TimedEvent]) { self.events = events }

    func perform(_ effect: DashboardEffect) -> [DashboardAction] {
        effects.append(effect)
        switch effect {
        case .load(let from, let to): return [.loaded(events.filter { $0.t >= from && $0.t < to }, upTo: to, reset: false)]
        case .reload(let at): return [.loaded(events.filter { $0.t < at }, upTo: at, reset: true)]
        case .step, .sendToController, .quit: return []
        }
    }
}

/// The loop with the test backend: keys, events and pushed actions in, frames out.
@Suite("Dashboard loop")
struct DashboardLoopTests {
    static let events = (0..<100).map { frame(Double($0) / 10, split: $0 < 50 ? 3 : 0, estimate: 8) }

    static func loop(mode: PlaybackMode = .replay(speed: 1, paused: false)) -> DashboardLoop<RecordingFeed> {
        var state = handState(slo: 100)
        state.mode = mode
        var loop = DashboardLoop(state: state, feed: RecordingFeed(events: events))
        loop.tickMs = 1
        return loop
    }

    @Test func keysAndEventsInFramesOut() {
        var loop = Self.loop()
        let backend = TestBackend(width: 80, height: 24)
        backend.queue(.character(" "), .character("?"))
        loop.maximumTicks = 5
        let final = loop.run(on: backend, initial: [.reload(at: 2)])
        #expect(!loop.didQuit)
        #expect(final.showHelp)
        #expect(final.mode == .replay(speed: 1, paused: true))
        #expect(backend.text().contains("splitscope keys"), "the help is on the screen")
        #expect(final.lastFrame?.frame == 19, "the reload delivered the frames before 2 s")
    }

    @Test func anActionPushedFromAnotherThreadIsDrainedOnTheLoopsThread() async throws {
        var loop = Self.loop(mode: .replay(speed: 1, paused: true))
        let backend = TestBackend(width: 80, height: 24)
        let inbox = loop.inbox
        let sent = Thread {
            inbox.send(.notice("edge connected from another thread"))
            inbox.send(.key(.character("q")))
        }
        sent.start()
        loop.maximumTicks = 100_000
        // The loop runs until the pushed q quits it; the notice was reduced and drawn before that.
        let final = loop.run(on: backend, initial: [.reload(at: 1)])
        #expect(loop.didQuit && loop.quitSignal == nil)
        #expect(final.log.contains { $0.text == "edge connected from another thread" })
        #expect(inbox.drain().isEmpty)
    }

    @Test func aQuitSignalEndsTheLoopAndIsReported() {
        var loop = Self.loop()
        let backend = TestBackend(width: 80, height: 24)
        backend.queueSignal(SIGTERM)
        loop.maximumTicks = 50
        _ = loop.run(on: backend, initial: [.reload(at: 1)])
        #expect(loop.didQuit)
        #expect(loop.quitSignal == SIGTERM)
    }

    @Test func liveOverridesAreSentThroughTheFeed() {
        var loop = Self.loop(mode: .live)
        let backend = TestBackend(width: 80, height: 24)
        backend.queue(.left, .enter, .character("q"))
        loop.maximumTicks = 20
        _ = loop.run(on: backend, initial: [.reload(at: 1)])
        #expect(loop.feed.effects.contains(.sendToController(.pin(2))))
        #expect(loop.state.whatIf == nil)
    }

    @Test func theReplayFeedRestoresTheOperatorsSettingsOnASeek() throws {
        let path = packageRoot.appendingPathComponent("SampleTraces/sessions/resnet50-lte-walk.jsonl").path
        let feed = ReplayFeed(index: try SessionIndex.open(path: path))
        #expect(feed.operatorEvents(before: 60).isEmpty)
        #expect(feed.operatorEvents(before: 200).count == 4)
        #expect(feed.operatorEvents(before: 90.05).count == 3, "found again from what was scanned")
        var state = DashboardState(context: SessionContext(header: feed.index.header), duration: feed.index.duration)
        func seek(_ t: Double) { for action in feed.perform(.reload(at: t)) { _ = state.reduce(action) } }
        seek(80)
        #expect(state.constraintsInForce.latencySLOMs == 150 && state.policyInForce == .mincut)
        seek(171)
        #expect(state.constraintsInForce.latencySLOMs == 120, "set_constraint slo_ms 150 → 120 at 1:30")
        #expect(state.policyInForce == .dsc, "set_policy → dsc at 2:00")
        let text = DashboardView.render(state, size: TerminalSize(width: 120, height: 40)).lines
        #expect(text[0].contains("dsc"), "the header shows the policy in force:\n\(text[0])")
        #expect(text.joined().contains("/ 120 ms"), "the SLO gauge is against 120 ms")
        seek(65)
        #expect(state.pinnedSplit == 150, "the operator pinned split 150 at 1:00")
        seek(100)
        #expect(state.pinnedSplit == nil && state.constraintsInForce.latencySLOMs == 120)
        seek(30)
        #expect(state.constraintsInForce.latencySLOMs == 150 && state.policyInForce == .mincut && state.pinnedSplit == nil)
        // Playing forward across 2:00 applies the policy change as it arrives.
        seek(119)
        for action in feed.perform(.load(from: 119, to: 121)) { _ = state.reduce(action) }
        #expect(state.policyInForce == .dsc)
    }

    @Test func aSessionRecordedWithAnotherPolicyShowsIt() throws {
        var header = handHeader()
        header.policy = "oracle"
        let state = DashboardState(context: SessionContext(header: header), duration: 10)
        let line = DashboardView.render(state, size: TerminalSize(width: 120, height: 40)).lines[0]
        #expect(line.contains("oracle"), "\(line)")
    }
}
