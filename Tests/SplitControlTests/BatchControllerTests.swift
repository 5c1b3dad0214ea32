import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import Testing

@Suite("Batch size in the controller")
struct BatchControllerTests {
    static let device = ComputeSpec(name: "pi-zero-class", gmacsPerSecond: 1, memoryGBps: 2,
                                    layerOverheadMs: ComputeSpec.jetsonClass.layerOverheadMs)

    static func mobilenet(batch: Int) throws -> ModelProfile {
        var graph = try ModelZoo.model(named: "mobilenetv2")
        graph.batchSize = batch
        return RooflineEstimator(device: device).profile(of: graph)
    }

    @Test func scalingMultipliesBytesMACsAndTimesAndKeepsParameters() throws {
        let one = try Self.mobilenet(batch: 1)
        let four = try Self.mobilenet(batch: 4)
        let scaled = BatchProfiles(base: one).profile(batch: 4)
        #expect(scaled.inputBytes == four.inputBytes)
        #expect(scaled.layers.map(\.outputBytes) == four.layers.map(\.outputBytes), "bytes scale exactly")
        #expect(scaled.layers.map(\.macs) == four.layers.map(\.macs))
        #expect(scaled.layers.map(\.params) == one.layers.map(\.params))
        for (s, o) in zip(scaled.layers, one.layers) {
            #expect(abs(s.deviceMs - 4 * o.deviceMs) < 1e-9)
            #expect(abs(s.edgeMs - 4 * o.edgeMs) < 1e-9)
        }
        // Scaling down from a profile measured at 4 divides.
        #expect(BatchProfiles(base: four, batch: 4).profile(batch: 1).inputBytes == one.inputBytes)
    }

    @Test func aMeasuredProfileReplacesTheEstimate() throws {
        var profiles = BatchProfiles(base: try Self.mobilenet(batch: 1))
        let measured = try Self.mobilenet(batch: 4)
        #expect(!profiles.isMeasured(batch: 4))
        #expect(profiles.profile(batch: 4) != measured, "the roofline amortises overheads; the linear estimate does not")
        profiles.learn(measured, batch: 4)
        #expect(profiles.isMeasured(batch: 4))
        #expect(profiles.profile(batch: 4) == measured)
        #expect(profiles.profile(batch: 1) == (try Self.mobilenet(batch: 1)))
    }

    @Test func setBatchRecordsTheChangeAndReplansAtTheNewSize() throws {
        let one = try Self.mobilenet(batch: 1)
        let n = one.layerCount
        var controller = AdaptiveController(costModel: CostModel(profile: one), policy: .dsc)
        let link = LinkConditions(bandwidthMbps: 3, rttMs: 100)
        #expect(controller.decide(link: link, batteryPercent: 100).partition == .prefix(n, layerCount: n))
        let record = controller.setBatch(4)
        #expect(record == OperatorRecord(action: .setBatch, setting: .batch, old: .number(1), new: .number(4)))
        #expect(controller.batch == 4)
        #expect(controller.costModel.profile.inputBytes == 4 * one.inputBytes)
        let moved = controller.decide(link: link, batteryPercent: 100)
        #expect(moved.partition == .prefix(58, layerCount: n), "the linear estimate already amortises the RTT")
        #expect(moved.reason == .batch)
        // The measured profile at 4 replaces the estimate and is planned with from the next decision.
        let measured = try Self.mobilenet(batch: 4)
        controller.learn(measured, batch: 4)
        #expect(controller.costModel.profile == measured)
        #expect(controller.decide(link: link, batteryPercent: 100).partition == .prefix(58, layerCount: n))
        // Back to one sample: the start's profile, and the device again.
        _ = controller.setBatch(1)
        #expect(controller.costModel.profile == one)
        #expect(controller.decide(link: link, batteryPercent: 100).partition == .prefix(n, layerCount: n))
        // A profile of another model is not taken.
        controller.learn(ModelProfile(name: "x", inputBytes: 1, layers: []), batch: 1)
        #expect(controller.costModel.profile == one)
    }

    @Test func aControllerStartedAtABatchScalesFromIt() throws {
        let four = try Self.mobilenet(batch: 4)
        var controller = AdaptiveController(costModel: CostModel(profile: four), policy: .dsc, batch: 4)
        #expect(controller.batch == 4)
        #expect(controller.setBatch(8) == OperatorRecord(action: .setBatch, setting: .batch, old: .number(4), new: .number(8)))
        #expect(controller.costModel.profile.inputBytes == 2 * four.inputBytes, "8 samples are twice the 4 it started with")
        _ = controller.setBatch(4)
        #expect(controller.costModel.profile == four)
    }

    @Test func theOperatorEventReadsBackAsTheCommand() throws {
        let one = try Self.mobilenet(batch: 1)
        var controller = AdaptiveController(costModel: CostModel(profile: one), policy: .dsc)
        let event = OperatorEvent(controller.apply(.setBatch(8)), profile: one)
        #expect(event.action == .setBatch)
        #expect(event.field == "batch")
        #expect(event.oldValue == 1)
        #expect(event.newValue == 8)
        #expect(event.command(profile: one) == .setBatch(8))
        // A recorded size out of the catalogue's range (a damaged file) gives no command.
        #expect(OperatorEvent(action: .setBatch, field: "batch", oldValue: 1, newValue: 0).command(profile: one) == nil)
        #expect(OperatorEvent(action: .setBatch, field: "batch", oldValue: 1, newValue: 2.5).command(profile: one) == nil)
    }
}
