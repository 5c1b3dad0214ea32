import SplitCost
import SplitModels
import Testing

/// A profile describes one inference of the whole batch: bytes, MACs and times all scale with it.
@Suite("Profiles of batched models")
struct BatchProfileTests {
    @Test func bytesMACsAndTimesAreAllPerBatch() throws {
        let one = RooflineEstimator().profile(of: try ModelZoo.model(named: "resnet18"))
        let four = RooflineEstimator().profile(of: try ModelZoo.model(named: "resnet18", batchSize: 4))
        #expect(four.inputBytes == 4 * one.inputBytes)
        #expect(four.totalMacs == 4 * one.totalMacs)
        #expect(four.totalParams == one.totalParams)
        for (a, b) in zip(one.layers, four.layers) {
            #expect(b.outputBytes == 4 * a.outputBytes)
            #expect(b.macs == a.macs.map { 4 * $0 })
            #expect(b.deviceMs >= a.deviceMs)
        }
    }
}
