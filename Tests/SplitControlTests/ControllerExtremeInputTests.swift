import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitTestSupport
import Testing

/// The controller, like the planners, takes any numbers: estimates of 0 or 1e300 Mbit/s, and
/// operator constraints from anywhere in Double's range (the `m` prompt's 1e13 MB trapped).
@Suite("Adaptive controller with extreme numbers")
struct ControllerExtremeInputTests {
    @Test(arguments: [false, true])
    func decidesWhateverTheEstimatesAndConstraints(dag: Bool) {
        let costModel = CostModel(profile: dag ? HandModels.diamond() : HandModels.chain())
        let n = costModel.layerCount
        var values = ExtremeDoubles(seed: dag ? 11 : 12)
        var controller = AdaptiveController(costModel: costModel, policy: .mincut)
        let policies: [PolicyKind] = [.neurosurgeon, .dsc, .gads, .mincut, .device, .edge, .staticSplit(1)]
        for round in 0..<300 {
            switch values.index(below: 6) {
            case 0:
                let kind = ConstraintKind.allCases[values.index(below: ConstraintKind.allCases.count)]
                let record = controller.setConstraint(kind, to: values.coin() ? values.next() : nil)
                #expect(record.action == "set_constraint")
            case 1:
                _ = controller.setPolicy(policies[values.index(below: policies.count)])
            case 2:
                _ = controller.pin(.prefix(values.index(below: n + 1), layerCount: n))
            case 3:
                _ = controller.unpin()
            default:
                break
            }
            let decision = controller.decide(link: LinkConditions(bandwidthMbps: values.next(), rttMs: values.next()),
                                             batteryPercent: values.next(), edgeReachable: values.index(below: 8) != 0)
            #expect(decision.partition.onDevice.count == n, "round \(round)")
            #expect(costModel.isClosed(decision.partition), "round \(round)")
            #expect(decision.plan.cost.latencyMs.isFinite, "round \(round)")
            #expect(controller.constraints.minDeviceLayers >= 0)
        }
    }

    @Test func hugeMemoryAndLayerCountsSaturate() {
        var controller = AdaptiveController(costModel: CostModel(profile: HandModels.chain()), policy: .mincut)
        _ = controller.setConstraint(.deviceMemory, to: 1e13)
        _ = controller.setConstraint(.minDeviceLayers, to: 1e300)
        #expect(controller.constraints.minDeviceLayers == Int.max)
        let decision = controller.decide(link: LinkConditions(bandwidthMbps: 1e-310, rttMs: 20), batteryPercent: 50)
        #expect(decision.partition.isDeviceOnly)
        _ = controller.setConstraint(.minDeviceLayers, to: -.infinity)
        #expect(controller.constraints.minDeviceLayers == 0)
    }
}
