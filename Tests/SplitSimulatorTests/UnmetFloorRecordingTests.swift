import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitSimulator
import SplitTestSupport
import SplitTraces
import Testing

/// A simulated session of versions records a floor no version meets as a note, in
/// ``PlanningConstraints/unmetFloorNote(_:)``'s words, and records a decision only when the
/// version or the split changed.
@Suite("Unmet accuracy floors and unchanged decisions in a recording")
struct UnmetFloorRecordingTests {
    static let full = ModelVersion(name: "full", source: .zooModel("a"), accuracyPercent: 90.21)
    static let tiny = ModelVersion(name: "tiny", source: .zooModel("b"), accuracyPercent: 80)

    /// A version so fast on the device that it runs everything there; the full one splits at 2 on 0.08 Mbit/s.
    static func tinyProfile() -> ModelProfile {
        ModelProfile(name: "hand-tiny", inputBytes: 1000, layers: [
            ProfileLayer(name: "L1", inputs: [.input], outputBytes: 1000, deviceMs: 1, edgeMs: 0.5, params: 50),
            ProfileLayer(name: "L2", inputs: [.layer(0)], outputBytes: 25, deviceMs: 1, edgeMs: 1, params: 500),
            ProfileLayer(name: "L3", inputs: [.layer(1)], outputBytes: 50, deviceMs: 1, edgeMs: 0.25, params: 5),
        ])
    }

    static func run(floor: Double?, script: [String], seconds: Double = 10, mbps: Double = 0.08) throws -> [TimedEvent] {
        var settings = SimulationSettings()
        settings.durationS = seconds
        settings.fps = 2
        settings.rttMs = 10
        settings.constraints = PlanningConstraints(accuracyFloorPercent: floor)
        settings.operatorScript = try script.map { try ScriptedOperator(parsing: $0) }
        let trace = try BandwidthTrace(name: "flat", steps: [(seconds: seconds, mbps: mbps)])
        let simulator = Simulator(profile: HandModels.chain(), trace: trace, policy: .planner(.mincut), settings: settings,
                                  versions: [(full, HandModels.chain()), (tiny, tinyProfile())])
        var events: [TimedEvent] = []
        _ = simulator.run(emit: { events.append($0) }, progress: { _ in })
        return events
    }

    static func note(_ floor: Double) -> String? {
        PlanningConstraints(accuracyFloorPercent: floor).unmetFloorNote([full, tiny])
    }

    /// The notes of a session, with their times.
    static func notes(_ events: [TimedEvent]) -> [(t: Double, text: String)] {
        events.compactMap { if case .note(let note) = $0.event { (t: $0.t, text: note.text) } else { nil } }
    }

    @Test func aFloorNoneMeetsFromTheStartIsNotedBeforeTheFirstDecision() throws {
        let events = try Self.run(floor: 99, script: [])
        let notes = Self.notes(events)
        #expect(notes.map(\.text) == ["no version meets the accuracy floor: falling back to the most accurate (floor 99 %; full is 90.21 %)"])
        #expect(notes.first?.t == 0)
        let noteAt = events.firstIndex { if case .note = $0.event { true } else { false } }
        let decisionAt = events.firstIndex { if case .decision = $0.event { true } else { false } }
        #expect(noteAt != nil && decisionAt != nil && noteAt! < decisionAt!, "the note explains the first decision")
        // The session runs the most accurate version, as the note says.
        let versions = Set(events.compactMap { if case .frame(let frame) = $0.event, frame.outcome != .dropped { frame.version } else { nil } })
        #expect(versions == ["full"])
    }

    @Test func anOperatorsUnmetFloorIsNotedRightAfterItsChangeEveryTime() throws {
        let events = try Self.run(floor: nil, script: ["2:accuracy=85", "4:accuracy=95", "6:accuracy=95", "7:accuracy=99", "8:accuracy=none"])
        let notes = Self.notes(events)
        #expect(notes.map(\.t) == [4, 6, 7])
        #expect(notes.map(\.text) == [Self.note(95), Self.note(95), Self.note(99)].compactMap { $0 })
        for (i, timed) in events.enumerated() {
            guard case .note = timed.event else { continue }
            guard i > 0, case .operatorAction(let action) = events[i - 1].event else {
                Issue.record("the note at \(timed.t) does not follow an operator event")
                continue
            }
            #expect(action.field == "accuracy_floor_pct")
            #expect(events[i - 1].t == timed.t)
        }
    }

    @Test func aFloorOneVersionMeetsIsNotNoted() throws {
        #expect(Self.notes(try Self.run(floor: 85, script: ["3:accuracy=90", "5:accuracy=none"])).isEmpty)
    }

    /// Operator changes of every constraint, a policy set to the one in force and floors that
    /// exclude nothing change neither the version nor the split: no decision is recorded for
    /// them, and every decision recorded changes one of the two.
    @Test func aChangeThatChangesNothingRecordsNoDecision() throws {
        let script = ["3:accuracy=50", "3.5:accuracy=79", "4:slo=100000", "4.5:memory=100000", "5:min-layers=0", "5.5:cap=1000",
                      "6:floor=1", "6.5:policy=mincut", "7:accuracy=none", "7.5:slo=none", "8:cap=none", "8.5:memory=none", "9:floor=none"]
        for mbps in [0.08, 50] {
            let events = try Self.run(floor: nil, script: script, mbps: mbps)
            var ran: (version: String?, partition: SessionPartition)?
            var pending: (t: Double, from: SessionPartition?, to: SessionPartition, version: String?)?
            var decisions = 0
            for timed in events {
                switch timed.event {
                case .decision(let decision):
                    decisions += 1
                    pending = (timed.t, decision.from, decision.to, ran?.version)
                case .frame(let frame) where frame.outcome != .dropped:
                    if let decided = pending {
                        let changed = decided.from != decided.to || decided.version != frame.version || decided.from == nil
                        #expect(changed, "at \(decided.t) s (\(mbps) Mbit/s): a decision from \(String(describing: decided.from)) to the same, version \(frame.version ?? "-")")
                        pending = nil
                    }
                    ran = (frame.version, frame.partition)
                default: break
                }
            }
            #expect(decisions >= 1)
            #expect(events.contains { if case .operatorAction = $0.event { $0.t == 9 } else { false } })
        }
    }
}
