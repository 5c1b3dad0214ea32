import SplitAllocation
@testable import SplitCommands
import SplitSession
import SplitTraces
import Testing

/// How a fleet's seconds become events: shares only when the allocation changes, a decision
/// only when a device's choice does, and a frame that never finishes recorded as dropped.
@Suite struct FleetSessionRecorderTests {
    static let local = AllocationOption(version: "small", accuracyPercent: 80, split: 3, deviceMs: 50, transferBytes: 0, edgeMacs: 0)
    static let send = AllocationOption(version: "big", accuracyPercent: 90, split: 0, deviceMs: 0, transferBytes: 10_000, edgeMacs: 1e6)

    static func second(_ t: Int, _ choices: [(AllocationOption, Double, Double)], transferMs: Double = 10,
                       reassigned: [FleetReassignment?]? = nil) -> FleetSecond {
        FleetSecond(
            second: t, estimatedMbps: choices.map { _ in 8 },
            allocation: Allocation(devices: choices.map { option, c, b in
                DeviceAllocation(option: option == local ? 0 : 1, computeShare: c, bandwidthShare: b, latencyMs: 20, utility: 0.5)
            }),
            inferences: choices.map { option, _, _ in
                option.usesEdge ? FleetInference(option: option, deviceMs: 0, transferMs: transferMs, rttMs: 5, edgeMs: 1, utility: 0.5)
                    : FleetInference(option: option, deviceMs: 50, transferMs: 0, rttMs: 0, edgeMs: 0, utility: 0.5)
            },
            reassigned: reassigned ?? choices.map { _ in nil })
    }

    static func types(_ events: [TimedEvent]) -> [String] {
        events.map { "\($0.event.typeName)\($0.device.map { ":\($0)" } ?? "")" }
    }

    @Test func sharesAndDecisionsOnlyWhenSomethingChanged() {
        var recorder = FleetSessionRecorder(ids: ["a", "b"], weights: [0.9, 0.1], allocator: .fast,
                                            edge: EdgeCapacity(gmacsPerSecond: 1, uplinkMbps: 20))
        let start = recorder.events(for: Self.second(0, [(Self.send, 1, 1), (Self.local, 0, 0)]))
        #expect(Self.types(start) == ["shares", "decision:a", "link:a", "frame:a", "decision:b", "link:b", "frame:b"])
        guard case .shares(let shares) = start[0].event else { Issue.record("no shares first"); return }
        #expect(shares.allocator == .fast)
        #expect(shares.devices.map(\.device) == ["a", "b"])
        #expect(shares.devices.map(\.taskWeight) == [0.9, 0.1])
        #expect(shares.devices.map(\.split) == [0, 3])
        #expect(shares.devices.map(\.version) == ["big", "small"])

        // A share moving by 0.01 or less is no change; by more it is.
        let same = recorder.events(for: Self.second(1, [(Self.send, 0.995, 0.991), (Self.local, 0, 0)]))
        #expect(Self.types(same) == ["link:a", "frame:a", "link:b", "frame:b"])
        let moved = recorder.events(for: Self.second(2, [(Self.send, 1, 0.95), (Self.local, 0, 0)]))
        #expect(Self.types(moved).first == "shares")
        #expect(!Self.types(moved).contains { $0.hasPrefix("decision") })

        // b starts sending: a decision for b only, from its old split, for the bandwidth.
        let switched = recorder.events(for: Self.second(3, [(Self.send, 0.5, 0.5), (Self.send, 0.5, 0.5)], reassigned: [nil, .bandwidth]))
        #expect(Self.types(switched) == ["shares", "link:a", "frame:a", "decision:b", "link:b", "frame:b"])
        guard case .decision(let decision) = switched[3].event else { Issue.record("no decision"); return }
        #expect(decision.from == .split(3) && decision.to == .split(0) && decision.reason == .bandwidth)
        #expect(decision.version == "big")
        // The allocator moves b back for the edge's sake: the reason says so.
        let back = recorder.events(for: Self.second(4, [(Self.send, 1, 1), (Self.local, 0, 0)], reassigned: [nil, .edgeShares]))
        let reasons = back.compactMap { if case .decision(let d) = $0.event { d.reason } else { nil } }
        #expect(reasons == [.edgeShares])
    }

    /// A real fleet session, recorded: a device the allocator moves for another's sake has
    /// decisions for `edge_shares`, one whose own channel moves it for `bandwidth` (the causes
    /// ``FleetSimulation`` finds; the same fleet as FleetSimulationTests' reassignment fleet).
    @Test func theRecordingNamesTheTrueCauseOfEachReassignment() throws {
        func device(_ name: String, _ steps: [(seconds: Double, mbps: Double)]) throws -> FleetDevice {
            FleetDevice(name: name, accuracyWeight: 0.5, sloMs: 100, rttMs: 0, options: [
                AllocationOption(version: "small", accuracyPercent: 80, split: 3, deviceMs: 50, transferBytes: 0, edgeMacs: 0),
                AllocationOption(version: "big", accuracyPercent: 90, split: 0, deviceMs: 0, transferBytes: 10_000, edgeMacs: 0),
            ], trace: try BandwidthTrace(name: name, steps: steps))
        }
        let fleet = FleetSimulation(devices: [try device("a", [(2, 1.6), (2, 1.5)]), try device("b", [(2, 0), (2, 8)])],
                                    edge: EdgeCapacity(gmacsPerSecond: 1, uplinkMbps: 1000), durationS: 4)
        var recorder = FleetSessionRecorder(ids: ["a", "b"], weights: [0.5, 0.5], allocator: .exact, edge: fleet.edge)
        var events: [TimedEvent] = []
        _ = try fleet.run(.exact, clock: { 0 }) { events += recorder.events(for: $0) }
        let decisions = events.compactMap { e -> String? in
            guard case .decision(let d) = e.event else { return nil }
            return "\(Int(e.t)) \(e.device ?? "-") \(d.version ?? "-") \(d.reason)"
        }
        #expect(decisions == ["0 a small start", "0 b big start", "1 a big edge_shares", "1 b small bandwidth",
                              "3 a small edge_shares", "3 b big bandwidth"], "\(decisions)")
    }

    @Test func framesAddUpAndANeverEndingTransferIsDropped() {
        var recorder = FleetSessionRecorder(ids: ["a"], weights: [0.5], allocator: .exact, edge: EdgeCapacity(gmacsPerSecond: 1, uplinkMbps: 20))
        let ok = recorder.events(for: Self.second(0, [(Self.send, 1, 1)])).compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        #expect(ok.count == 1)
        #expect(ok.first?.totalMs == 16 && ok.first?.transferMs == 10 && ok.first?.rttMs == 5 && ok.first?.edgeMs == 1)
        #expect(ok.first?.bytesSent == 10_000 && ok.first?.version == "big" && ok.first?.outcome == .ok)
        let never = recorder.events(for: Self.second(1, [(Self.send, 1, 1)], transferMs: .infinity))
            .compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        #expect(never.first?.outcome == .dropped)
        #expect(never.first?.totalMs == nil && never.first?.transferMs == nil)
        // Every event the recorder writes is one the session format reads back.
        for event in recorder.events(for: Self.second(2, [(Self.send, 1, 1)], transferMs: 2e12)) {
            let line = SessionEventCodec.line(for: event)
            #expect((try? SessionEventCodec.decode(line: line.dropLast())) == .event(event))
        }
    }

    /// An allocation's numbers outside what the format reads (a share past 1 by rounding, a utility
    /// of -infinity, a latency never reached) are written as the reader's ranges allow, so the line reads back.
    @Test func outOfRangeAllocationNumbersAreRecordedReadably() throws {
        var recorder = FleetSessionRecorder(ids: ["a", "b"], weights: [0.5, 0.5], allocator: .fast,
                                            edge: EdgeCapacity(gmacsPerSecond: 1, uplinkMbps: 20))
        var second = Self.second(0, [(Self.send, 1.000_01, -0.2), (Self.send, .nan, 1.5)])
        second.allocation.devices[0].utility = -.infinity
        second.allocation.devices[0].latencyMs = -1
        second.allocation.devices[1].utility = 2
        second.allocation.devices[1].latencyMs = 2e12
        let events = recorder.events(for: second)
        guard case .shares(let shares) = events.first?.event else { Issue.record("no shares first"); return }
        #expect(shares.devices.map(\.computeShare) == [1, 0])
        #expect(shares.devices.map(\.bandwidthShare) == [0, 1])
        #expect(shares.devices.map(\.utility) == [nil, nil])
        #expect(shares.devices.map(\.predictedMs) == [nil, nil])
        for event in events {
            let line = SessionEventCodec.line(for: event)
            #expect((try? SessionEventCodec.decode(line: line.dropLast())) == .event(event))
        }
    }
}
