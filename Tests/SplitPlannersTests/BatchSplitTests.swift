import SplitCost
import SplitModels
import SplitPlanners
import Testing

/// DSC's point about batch size, on the cost model alone: the RTT is paid once per batch, so a
/// larger batch makes offloading at a bottleneck worth it where one sample stays on the device.
@Suite("Batch size moves the split")
struct BatchSplitTests {
    /// MobileNetV2 on a Pi-Zero-class device (1 GMAC/s, 2 GB/s) over 3 Mbit/s with a 100 ms RTT.
    static func dscSplit(batch: Int) throws -> Int? {
        var graph = try ModelZoo.model(named: "mobilenetv2")
        graph.batchSize = batch
        let device = ComputeSpec(name: "pi-zero-class", gmacsPerSecond: 1, memoryGBps: 2,
                                 layerOverheadMs: ComputeSpec.jetsonClass.layerOverheadMs)
        let costModel = CostModel(profile: RooflineEstimator(device: device).profile(of: graph))
        let plan = PolicyKind.dsc.make(costModel: costModel, constraints: .none)
            .plan(PlanRequest(link: LinkConditions(bandwidthMbps: 3, rttMs: 100)))
        return plan.partition.prefixSplit
    }

    @Test func aLargerBatchMovesMobileNetV2FromTheDeviceToItsBottleneck() throws {
        let layers = try ModelZoo.model(named: "mobilenetv2").layers.count
        let one = try Self.dscSplit(batch: 1)
        let four = try Self.dscSplit(batch: 4)
        let sixteen = try Self.dscSplit(batch: 16)
        #expect(one == layers, "one sample: the RTT outweighs what offloading saves")
        #expect(four == 58, "four samples: the bottleneck after features.7 (50 kB a sample)")
        #expect(sixteen == four)
    }
}
