import Testing
@testable import SplitCommands

/// `eval --versions` warns when a manifest's accuracy is far from the one it measures.
@Suite("eval --versions table")
struct EvalVersionTableTests {
    static func row(_ name: String, correct: Int, recorded: Double) -> EvalVersionTable.Row {
        EvalVersionTable.Row(name: name, file: "\(name).onnx", compression: "none", macs: 1, params: 1, weightBytes: 4,
                             compressiveCuts: [], latencyMs: 1, correct: correct, samples: 100, recordedAccuracyPercent: recorded)
    }

    @Test func aManifestFigureMoreThanAPointOffIsFlagged() {
        let table = EvalVersionTable(family: "f", data: .fashionMNIST, threads: 1,
                                     rows: [Self.row("close", correct: 90, recorded: 90.9),
                                            Self.row("far", correct: 89, recorded: 80),
                                            Self.row("above", correct: 70, recorded: 71.5)])
        #expect(table.accuracyWarnings.count == 2)
        let far = table.accuracyWarnings.first ?? ""
        #expect(far.contains("version \"far\""))
        #expect(far.contains("the manifest says 80.00 %"))
        #expect(far.contains("measured here 89.00 %"))
        #expect(table.accuracyWarnings.last?.contains("version \"above\"") == true)
    }

    @Test func figuresWithinAPointGiveNoWarning() {
        let table = EvalVersionTable(family: "f", data: .fashionMNIST, threads: 1,
                                     rows: [Self.row("a", correct: 90, recorded: 91), Self.row("b", correct: 50, recorded: 49.5)])
        #expect(table.accuracyWarnings.isEmpty)
    }
}
