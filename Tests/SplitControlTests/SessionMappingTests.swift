import SplitControl
import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession
import SplitTestSupport
import Testing

/// The one mapping between the controller's and cost model's types and the session vocabulary.
@Suite("Session mapping")
struct SessionMappingTests {
    @Test func partitionsRoundTripForChainsAndDAGs() {
        let chain = handChain()
        for k in 0...3 {
            let partition = Partition.prefix(k, layerCount: 3)
            #expect(SessionPartition(partition, of: chain) == .split(k))
            #expect(Partition(.split(k), of: chain) == partition)
        }
        let diamond = HandModels.diamond()
        // a and b on the device is a prefix of the topological order, so a split index…
        #expect(SessionPartition(Partition(onDevice: [true, true, false, false]), of: diamond) == .split(2))
        // …a and c is not, so it is written by name.
        let branch = Partition(onDevice: [true, false, true, false])
        #expect(SessionPartition(branch, of: diamond) == .deviceLayers(["a", "c"]))
        #expect(Partition(.deviceLayers(["a", "c"]), of: diamond) == branch)
        #expect(SessionPartition.deviceLayers(["a", "c"]).splitIndex == 2)
        // Out of range from a file: clamped, never a crash.
        #expect(Partition(.split(99), of: chain) == .prefix(3, layerCount: 3))
        #expect(Partition(.split(-4), of: chain) == .prefix(0, layerCount: 3))
    }

    @Test func everyConstraintHasTheFieldNameTheSessionHeaderWrites() throws {
        // Set every constraint, write a header, and compare its keys with the mapping's names.
        var constraints = PlanningConstraints.none
        for kind in ConstraintKind.allCases {
            switch kind {
            case .latencySLO: constraints.latencySLOMs = 100
            case .deviceMemory: constraints.deviceMemoryMB = 50
            case .minDeviceLayers: constraints.minDeviceLayers = 2
            case .bandwidthCap: constraints.bandwidthCapMbps = 5
            case .batteryFloor: constraints.batteryFloorPercent = 30
            case .accuracyFloor: constraints.accuracyFloorPercent = 89.5
            }
        }
        let header = SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator, model: handChain(),
                                   constraints: SessionConstraints(constraints))
        let json = SessionEventCodec.encode(TimedEvent(t: 0, event: .session(header)))
        let written = try #require(json.objectValue?["constraints"]?.objectValue)
        #expect(Set(written.keys) == Set(ConstraintKind.allCases.map(\.sessionField)))
        for kind in ConstraintKind.allCases {
            #expect(ConstraintKind(sessionField: kind.sessionField) == kind)
            #expect(written[kind.sessionField]?.doubleValue == constraints.value(of: kind))
        }
        #expect(PlanningConstraints(SessionConstraints(constraints)) == constraints)
        #expect(ConstraintKind(sessionField: "slo") == nil)
    }

    @Test func powerModelsRoundTrip() {
        let power = DevicePowerModel(computeWatts: 4, radioWatts: 2.5, idleWatts: 0.25)
        #expect(DevicePowerModel(SessionPowerModel(power)) == power)
        #expect(SessionPowerModel(power) == SessionPowerModel(computeWatts: 4, radioWatts: 2.5, idleWatts: 0.25))
    }

    @Test func operatorRecordsBecomeEventsAndEventsBecomeCommandsAgain() throws {
        let profile = handChain()
        var controller = AdaptiveController(costModel: CostModel(profile: profile), policy: .neurosurgeon)
        let commands: [OperatorCommand] = [
            .pin(.prefix(1, layerCount: 3)), .unpin, .setPolicy(.dsc),
        ] + ConstraintKind.allCases.flatMap { [OperatorCommand.setConstraint($0, 2), .setConstraint($0, nil)] }
        for command in commands {
            let event = OperatorEvent(controller.apply(command), profile: profile)
            #expect(event.command(profile: profile) == command, "\(command)")
            // Through the file and back.
            let line = SessionEventCodec.line(for: TimedEvent(t: 1, event: .operatorAction(event)))
            guard case .event(let read) = try SessionEventCodec.decode(line: line.dropLast()),
                  case .operatorAction(let back) = read.event else {
                Issue.record("\(command) did not read back")
                continue
            }
            #expect(back.command(profile: profile) == command)
        }
        let pin = OperatorEvent(OperatorRecord(action: .pin, setting: .partition, old: .none, new: .partition(.prefix(2, layerCount: 3))),
                                profile: profile)
        #expect(pin.newValue == ["split": 2])
        #expect(OperatorEvent(action: "thermal").command(profile: profile) == nil)
        #expect(OperatorEvent(action: .setConstraint, field: "colour", newValue: 3).command(profile: profile) == nil)
    }

    @Test func decisionsUseTheSessionsOneReasonVocabulary() {
        // The controller's reasons are the session's words: one type, no string round trip.
        let reasons: [DecisionReason] = [.start, .bandwidth, .battery, .constraint, .operatorPin, .operatorUnpin, .policy, .fault]
        #expect(reasons.allSatisfy { $0.isKnown })
        var controller = AdaptiveController(costModel: CostModel(profile: handChain()), policy: .neurosurgeon)
        let decision = controller.decide(link: slow, batteryPercent: 100)
        let event = DecisionEvent(decision, profile: handChain(), micros: 3)
        #expect(event.reason == .start && event.to == .split(2) && event.from == nil && event.decisionMicros == 3)
        #expect(event.candidates.first?.partition == .split(2))
    }
}
