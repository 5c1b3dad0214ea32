import Foundation
import SplitCost
import SplitModels
import SplitTestSupport

enum RooflineEstimatorFixture {
    static func profile(_ graph: ModelGraph) -> ModelProfile { RooflineEstimator().profile(of: graph) }
}

enum FileManagerFixture {
    /// A new folder, removed when the test process exits.
    static func temporaryDirectory() -> String {
        (try? ScratchDirectory.make(prefix: "splitscope-sim").path) ?? NSTemporaryDirectory()
    }
}

/// A trace shipped in SampleTraces/traces.
func sampleTrace(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleTraces/traces/\(name)").path
}
