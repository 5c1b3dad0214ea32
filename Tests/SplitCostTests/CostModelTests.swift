import SplitCost
import SplitModels
import Testing

@Suite("Cost model")
struct CostModelTests {
    // 0.1 ms per byte.
    let slow = LinkConditions(bandwidthMbps: 0.08, rttMs: 10)
    // 0.001 ms per byte.
    let fast = LinkConditions(bandwidthMbps: 8, rttMs: 10)

    @Test func transferTimeFollowsTheFormula() {
        #expect(fast.transferMs(bytes: 1000) == 1.0)
        #expect(abs(slow.transferMs(bytes: 1000) - 100.0) < 1e-9)
    }

    @Test func chainLatencyByHand() {
        let model = CostModel(profile: handChain())
        let expected: [Double] = [113.5, 222.5, 45.5, 80]
        for k in 0...3 {
            let cost = model.evaluate(.prefix(k, layerCount: 3), link: slow)
            #expect(abs(cost.latencyMs - expected[k]) < 1e-9, "split \(k)")
        }
        let edge = model.evaluate(.prefix(0, layerCount: 3), link: fast)
        #expect(edge.transferBytes == 1000)
        #expect(edge.rttMs == 10)
        #expect(abs(edge.latencyMs - 14.5) < 1e-9)
        let local = model.evaluate(.prefix(3, layerCount: 3), link: fast)
        #expect(local.rttMs == 0 && local.transferBytes == 0 && local.latencyMs == 80)
    }

    @Test func energyByHand() {
        // 5 W compute, 1.5 W radio, 0.5 W waiting.
        let model = CostModel(profile: handChain())
        let expected: [Double] = [156.75, 356.25, 162.75, 400]
        for k in 0...3 {
            let cost = model.evaluate(.prefix(k, layerCount: 3), link: slow)
            #expect(abs(cost.energyMJ - expected[k]) < 1e-9, "split \(k)")
        }
    }

    @Test func memoryIsWeightsPlusPeakLiveActivations() {
        let model = CostModel(profile: handChain())
        let expected = [1000, 3400, 7400, 7440]
        for k in 0...3 {
            #expect(model.deviceMemoryBytes(.prefix(k, layerCount: 3)) == expected[k], "split \(k)")
        }
    }

    @Test func aTensorReadByTwoEdgeLayersIsSentOnce() {
        let model = CostModel(profile: diamond())
        let cut = Partition(onDevice: [true, false, false, false])
        #expect(model.transferBytes(cut) == 100)
        let both = Partition(onDevice: [true, true, true, false])
        #expect(model.transferBytes(both) == 2000)
        let onlyB = Partition(onDevice: [true, true, false, false])
        // a goes to c, b goes to d.
        #expect(model.transferBytes(onlyB) == 1100)
    }

    @Test func closureIsChecked() {
        let model = CostModel(profile: diamond())
        #expect(model.isClosed(Partition(onDevice: [true, true, false, false])))
        #expect(!model.isClosed(Partition(onDevice: [false, true, false, false])))
        #expect(!model.isClosed(Partition(onDevice: [true, true, false, true])))
        #expect(!model.isClosed(Partition(onDevice: [true])))
    }

    @Test func prefixTableMatchesTheFullEvaluation() throws {
        for profile in [handChain(), diamond(), try RooflineEstimator().profile(of: ModelZooFixture.resnet18())] {
            let model = CostModel(profile: profile)
            let table = PrefixCostTable(costModel: model)
            for k in 0...profile.layerCount {
                let partition = Partition.prefix(k, layerCount: profile.layerCount)
                let full = model.evaluate(partition, link: fast)
                let fromTable = table.breakdown(k, link: fast, power: model.power)
                #expect(fromTable.transferBytes == full.transferBytes, "\(profile.name) split \(k)")
                #expect(abs(fromTable.latencyMs - full.latencyMs) < 1e-9)
                #expect(abs(fromTable.energyMJ - full.energyMJ) < 1e-9)
                #expect(fromTable.deviceMemoryBytes == full.deviceMemoryBytes)
                #expect(abs(table.latencyMs(k, link: fast) - full.latencyMs) < 1e-9)
            }
        }
    }

    @Test func bottlenecksFollowTheDefinitions() {
        // Cuts after each layer send 2000, 50 and (device-only) nothing; the input is 1000 B.
        let table = PrefixCostTable(costModel: CostModel(profile: handChain()))
        #expect(table.bottlenecks(inputBytes: 1000) == [.none, .compressive, .none])
        let diamondTable = PrefixCostTable(costModel: CostModel(profile: diamond()))
        // After a: 100 B (compressive); after b: a's 100 + b's 1000 (not < input); after c: 2000.
        #expect(diamondTable.transferBytes == [1000, 100, 1100, 2000, 0])
        #expect(diamondTable.bottlenecks(inputBytes: 1000) == [.compressive, .none, .none, .none])
    }

    @Test func naturalButNotCompressive() {
        let profile = ModelProfile(name: "n", inputBytes: 1000, layers: [
            ProfileLayer(name: "a", inputs: [.input], outputBytes: 400, deviceMs: 1, edgeMs: 1),
            ProfileLayer(name: "b", inputs: [.layer(0)], outputBytes: 600, deviceMs: 1, edgeMs: 1),
            ProfileLayer(name: "c", inputs: [.layer(1)], outputBytes: 300, deviceMs: 1, edgeMs: 1),
            ProfileLayer(name: "d", inputs: [.layer(2)], outputBytes: 10, deviceMs: 1, edgeMs: 1),
        ])
        let table = PrefixCostTable(costModel: CostModel(profile: profile))
        #expect(table.bottlenecks(inputBytes: 1000) == [.compressive, .natural, .compressive, .none])
    }

    @Test func rooflineTakesTheSlowerOfComputeAndMemory() {
        let spec = ComputeSpec(name: "t", gmacsPerSecond: 1, memoryGBps: 1, layerOverheadMs: 0.5)
        // 1e6 MACs at 1e9/s = 1 ms; 2e6 bytes at 1e9 B/s = 2 ms.
        #expect(abs(spec.layerMs(macs: 1_000_000, bytes: 2_000_000) - 2.5) < 1e-12)
        #expect(abs(spec.layerMs(macs: 3_000_000, bytes: 2_000_000) - 3.5) < 1e-12)
    }
}

/// Zoo models for tests, built once.
enum ModelZooFixture {
    static func resnet18() throws -> ModelGraph { try ModelZoo.model(named: "resnet18") }
}
