import Testing
@testable import SplitCommands

/// The arithmetic of `bench live`'s table: ratios, targets, rows that are not measured, and the
/// device rows built from measured frames.
@Suite("bench live: rows and table")
struct LiveBenchRowTests {
    static func row(_ measured: Double?, baseline: Double?, target: LiveBenchRow.Target?) -> LiveBenchRow {
        LiveBenchRow(metric: "m", unit: "MB/s", measured: measured,
                     baseline: baseline.map { LiveBenchRow.Baseline(name: "TCP copy", value: $0) }, target: target)
    }

    @Test func theRatioIsMeasuredOverBaseline() {
        #expect(Self.row(700, baseline: 1000, target: nil).ratio == 0.7)
        #expect(Self.row(700, baseline: nil, target: nil).ratio == nil)
        #expect(Self.row(700, baseline: 0, target: nil).ratio == nil, "no ratio against a zero baseline")
        #expect(Self.row(nil, baseline: 1000, target: nil).ratio == nil)
    }

    @Test func eachTargetKindPassesAndFailsAtItsBound() {
        #expect(Self.row(700, baseline: 1000, target: .ratioAtLeast(0.7)).passes == true)
        #expect(Self.row(699, baseline: 1000, target: .ratioAtLeast(0.7)).passes == false)
        #expect(Self.row(100, baseline: 100, target: .ratioAtMost(1)).passes == true)
        #expect(Self.row(101, baseline: 100, target: .ratioAtMost(1)).passes == false)
        #expect(Self.row(10, baseline: nil, target: .atMost(10)).passes == true)
        #expect(Self.row(10.5, baseline: nil, target: .atMost(10)).passes == false)
        #expect(Self.row(5, baseline: 10, target: .atLeast(5)).passes == true)
        #expect(Self.row(4.9, baseline: 10, target: .atLeast(5)).passes == false)
        #expect(Self.row(700, baseline: nil, target: .ratioAtLeast(0.7)).passes == nil, "a ratio target needs a baseline")
        #expect(Self.row(700, baseline: 1000, target: nil).passes == nil)
    }

    @Test func aFailedMeasurementFailsWhateverItsNumber() {
        var row = Self.row(50, baseline: 100, target: .ratioAtMost(1))
        #expect(row.passes == true)
        row.failure = "a pin was never used"
        #expect(row.passes == false)
        row.target = nil
        #expect(row.passes == false)
    }

    @Test func theTableShowsEveryColumnAndSaysWhatIsNotMeasured() {
        let rows = [Self.row(700, baseline: 1000, target: .ratioAtLeast(0.7)),
                    LiveBenchRow.notMeasured("frames/s", unit: "fps", target: .atLeast(5), because: "needs `device`")]
        let lines = LiveBenchTable.render(rows).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("metric"))
        #expect(lines[2].contains("700 MB/s") && lines[2].contains("TCP copy 1000 MB/s") && lines[2].contains("0.70")
                && lines[2].contains("≥ 70 % of baseline") && lines[2].contains("yes"))
        #expect(lines[3].contains("needs `device`") && lines[3].contains("≥ 5 fps") && !lines[3].contains("yes")
                && !lines[3].contains("NO"))
    }

    @Test func numbersKeepAboutThreeFigures() {
        #expect(LiveBenchTable.number(1234.6) == "1235")
        #expect(LiveBenchTable.number(98.76) == "98.8")
        #expect(LiveBenchTable.number(5.123) == "5.12")
        #expect(LiveBenchTable.number(0.1234) == "0.123")
    }

    /// A measured-frames source made by hand: what the `device` command will hand the rows.
    struct HandFrames: MeasuredFramesSource {
        var list: [MeasuredFrame]
        var settings = "mobilenetv2, dsc, flat"
        var requestedFPS = 10.0
        var durationSeconds = 2.0
        func frames() throws -> [MeasuredFrame] { list }
    }

    @Test func withoutADeviceTheTwoDeviceRowsSaySoAndHaveNoNumber() throws {
        let rows = try DeviceFrameRows.rows(from: nil)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.measured == nil && $0.missing == "needs `device`" && $0.passes == nil })
    }

    @Test func theDeviceRowsComeFromMeasuredFrames() throws {
        let frames = [MeasuredFrame(frame: 10, at: 1.0, predictedMs: 110, measuredMs: 100),
                      MeasuredFrame(frame: 11, at: 1.1, predictedMs: 90, measuredMs: 100),
                      MeasuredFrame(frame: 12, at: 1.2, predictedMs: 100, measuredMs: 100),
                      MeasuredFrame(frame: 13, at: 1.3, predictedMs: 160, measuredMs: 100),
                      MeasuredFrame(frame: 14, at: 1.4, predictedMs: 100, measuredMs: 0)]
        // Errors 10, 10, 0, 60 % (the frame measured at 0 ms is left out): median 10 %.
        #expect(DeviceFrameRows.medianErrorPercent(frames) == 10)
        let rows = try DeviceFrameRows.rows(from: HandFrames(list: frames))
        #expect(rows[0].measured == 10 && rows[0].passes == true)
        #expect(rows[1].measured == 2.5, "5 frames in 2 s")
        #expect(rows[1].ratio == 0.25 && rows[1].passes == false, "2.5 fps of the 10 asked for, under the 5 fps target")
        #expect(DeviceFrameRows.medianErrorPercent([]) == nil)
    }
}
