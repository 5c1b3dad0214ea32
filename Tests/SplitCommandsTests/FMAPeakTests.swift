import Testing
@testable import SplitCommands

/// The FMA peak `bench engine` compares convolutions with: the best of many short trials, and a
/// rate above it said to be a disturbed probe rather than a share above 100 %.
@Suite struct FMAPeakTests {
    let peak = FMAPeak(gmacs: 50, lanes: 16, trials: 100)

    @Test func aShareUpToTenPercentAboveThePeakIsPrinted() {
        #expect(peak.share(of: 43.5) == "87 %")
        #expect(peak.share(of: 50) == "100 %")
        #expect(peak.share(of: 54.9) == "110 %")
    }

    @Test func moreThanTenPercentAboveThePeakSaysTheProbeWasDisturbed() {
        #expect(peak.share(of: 55.5) == "probe disturbed")
        #expect(peak.share(of: 341) == "probe disturbed")
        #expect(peak.isDisturbed(by: 55.5))
        #expect(!peak.isDisturbed(by: 54.9))
        #expect(FMAPeak(gmacs: 0, lanes: 16, trials: 1).share(of: 1) == "probe disturbed")
    }

    @Test func aRateAboveThePeakAsksForAnotherProbe() {
        #expect(peak.isBeaten(by: 50.1))
        #expect(!peak.isBeaten(by: 50))
    }

    @Test func probesMergeToTheBestPeakAndEveryTrial() {
        let later = FMAPeak(gmacs: 58, lanes: 16, trials: 50)
        #expect(peak.merged(later) == FMAPeak(gmacs: 58, lanes: 16, trials: 150))
        #expect(later.merged(peak) == FMAPeak(gmacs: 58, lanes: 16, trials: 150))
    }

    @Test func theProbeMeasuresSomething() {
        let probed = FMAPeak.probe(trials: 3)
        #expect(probed.gmacs > 0)
        #expect([4, 8, 16].contains(probed.lanes))
        #expect(probed.trials == 3)
    }
}
