import Foundation
import SplitCost
import SplitModels

enum RooflineEstimatorFixture {
    static func profile(_ graph: ModelGraph) -> ModelProfile { RooflineEstimator().profile(of: graph) }
}

enum FileManagerFixture {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "splitscope-sim-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A trace shipped in SampleTraces/traces.
func sampleTrace(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleTraces/traces/\(name)").path
}
