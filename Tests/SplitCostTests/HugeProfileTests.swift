import SplitCost
import SplitModels
import Testing

/// A profile built in code (not read from a file, where totals are checked) may hold counts whose
/// sums overflow: the cost model saturates them rather than trapping.
@Suite("Cost model with counts at Int's limits")
struct HugeProfileTests {
    @Test func sumsSaturateInsteadOfTrapping() {
        let huge = Int.max / 2 + 1
        let profile = ModelProfile(name: "huge", inputBytes: huge, layers: [
            ProfileLayer(name: "a", inputs: [.input], outputBytes: huge, deviceMs: 1, edgeMs: 1, macs: huge, params: huge),
            ProfileLayer(name: "b", inputs: [.layer(0), .input], outputBytes: huge, deviceMs: 1, edgeMs: 1, macs: huge, params: huge),
            ProfileLayer(name: "c", inputs: [.layer(1), .layer(0)], outputBytes: Int.min, deviceMs: 1, edgeMs: 1),
        ])
        let costModel = CostModel(profile: profile)
        let table = PrefixCostTable(costModel: costModel)
        #expect(table.transferBytes.count == 4)
        #expect(table.transferBytes[1] == .max)
        #expect(profile.totalMacs == .max && profile.totalParams == .max)
        for k in 0...3 {
            let cost = costModel.evaluate(.prefix(k, layerCount: 3), link: LinkConditions(bandwidthMbps: 1, rttMs: 1))
            #expect(cost.latencyMs.isFinite)
        }
        #expect(costModel.deviceMemoryBytes(.prefix(3, layerCount: 3)) == .max)
    }
}
