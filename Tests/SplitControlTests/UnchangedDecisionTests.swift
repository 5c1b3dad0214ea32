import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitRandom
import SplitSession
import SplitTestSupport
import Testing

/// A decision is recorded only when the version or the split changes: whatever the operator sets
/// (every constraint, the policy, a pin), whatever the edge assigns (the same, another version at
/// the same split, nothing), however the link moves.
extension SplitMix64 {
    /// A whole number in 0..<n.
    fileprivate mutating func next(_ n: Int) -> Int { Int.random(in: 0..<n, using: &self) }
}

@Suite("Frame loop: no decision without a change")
struct UnchangedDecisionTests {
    /// Something that may happen between two frames.
    static func input(_ dice: inout SplitMix64, at t: Double) -> FrameLoop.Input? {
        let floors: [Double?] = [nil, 50, 80, 83, 89.31, 90, 90.21, 95, 99]
        switch dice.next(12) {
        case 0: return .operatorCommand(.setConstraint(.accuracyFloor, floors[dice.next(floors.count)]), at: t)
        case 1: return .operatorCommand(.setConstraint(.latencySLO, [nil, 5, 30, 1_000][dice.next(4)]), at: t)
        case 2: return .operatorCommand(.setConstraint(.bandwidthCap, [nil, 0.01, 0.08, 100][dice.next(4)]), at: t)
        case 3: return .operatorCommand(.setConstraint(.deviceMemory, [nil, 0.001, 1_000][dice.next(3)]), at: t)
        case 4: return .operatorCommand(.setConstraint(.minDeviceLayers, Double(dice.next(3))), at: t)
        case 5: return .operatorCommand(.setConstraint(.batteryFloor, [nil, 1, 99.99][dice.next(3)]), at: t)
        case 6: return .operatorCommand(.setPolicy([.mincut, .dsc, .neurosurgeon, .gads][dice.next(4)]), at: t)
        case 7: return .operatorCommand(dice.next(2) == 0 ? .pin(.prefix(dice.next(4), layerCount: 3)) : .unpin, at: t)
        case 8, 9:
            let versions: [String?] = ["full", "small", nil]
            let assigned = dice.next(4) == 0 ? nil : EdgeAssignment(version: versions[dice.next(3)] ?? "full", split: dice.next(4))
            return .edgeAssigned(assigned)
        default: return nil
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func everyRecordedDecisionChangesTheVersionOrTheSplit(seed: UInt64) {
        var dice = SplitMix64(seed: seed)
        var loop = EdgeAssignmentTests.loop(constraints: PlanningConstraints(accuracyFloorPercent: [nil, 90, 99][Int(seed % 3)]))
        var ran: (version: String?, partition: SessionPartition)?
        var decisions = 0
        for index in 0..<300 {
            for _ in 0..<dice.next(3) {
                if let input = Self.input(&dice, at: 10 * Double(index) - 5) { _ = loop.handle(input) }
            }
            // Ten seconds apart, so no frame is still running when the next arrives.
            let events = FrameDriver.frame(&loop, index, spacingS: 10, transferMs: [0.5, 1, 5, 40, 400][dice.next(5)], timeOut: dice.next(25) == 0)
            let decision = events.lazy.compactMap { if case .decision(let d) = $0.event { d } else { nil } }.first
            let frame = events.lazy.compactMap { if case .frame(let f) = $0.event { f } else { nil } }.first
            guard let frame, frame.outcome != .dropped else {
                Issue.record("frame \(index) did not finish")
                return
            }
            if let decision {
                decisions += 1
                if let ran {
                    #expect(ran.version != frame.version || ran.partition != frame.partition,
                            "seed \(seed), frame \(index): a decision (\(decision.reason.rawValue)) from \(ran.partition) to the same, version \(frame.version ?? "-")")
                    #expect(decision.from == ran.partition, "seed \(seed), frame \(index)")
                } else {
                    #expect(decision.reason == .start)
                }
            } else if let ran {
                #expect(ran.version == frame.version && ran.partition == frame.partition,
                        "seed \(seed), frame \(index): the version or split changed without a decision: \(ran) → \(frame.version ?? "-") \(frame.partition)")
            }
            ran = (frame.version, frame.partition)
        }
        #expect(decisions > 3)
    }
}
