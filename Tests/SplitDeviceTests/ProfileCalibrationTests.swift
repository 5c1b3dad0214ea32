import Testing
@testable import SplitDevice

/// The device's per-layer profile is scaled to the whole-model runs that frames pay for.
@Suite("Profile calibration")
struct ProfileCalibrationTests {
    @Test func layersAddUpToTheWholeRun() {
        #expect(LiveDevice.calibration(layerSumMs: 7.4, wholeMs: 8.5) == 8.5 / 7.4)
        #expect(LiveDevice.calibration(layerSumMs: 10, wholeMs: 9) == 0.9)
    }

    @Test func aDisturbedOrMissingMeasurementChangesLittleOrNothing() {
        #expect(LiveDevice.calibration(layerSumMs: 1, wholeMs: 100) == 3)
        #expect(LiveDevice.calibration(layerSumMs: 100, wholeMs: 1) == 0.5)
        for (sum, whole) in [(0.0, 5.0), (5.0, 0.0), (.nan, 5.0), (5.0, .infinity), (-1.0, 5.0)] {
            #expect(LiveDevice.calibration(layerSumMs: sum, wholeMs: whole) == 1, "\(sum), \(whole)")
        }
    }
}
