import ArgumentParser
import SplitModels

/// `splitscope profile`: writes a zoo model's profile (roofline estimate, or measured) as JSON.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write a model's profile (zoo model or ONNX file) from a roofline estimate, or measured with --measure.",
        discussion: """
        Edit device_ms/edge_ms with your own measurements, then use it with --profile. With --measure, \
        both come from running the model here through the engine (the median of warm repeats): \
        device_ms with --threads, times --slowdown to stand for a weaker device; edge_ms with --edge-threads.
        """
    )

    /// Only a model graph (zoo or ONNX file) and how to build it: a profile file is this command's output, not an input.
    @OptionGroup var model: GraphModelOptions

    @OptionGroup var measurement: ProfileMeasurement

    func run() throws {
        try measurement.checkGivenOnlyWithMeasure()
        let loaded = try model.load()
        guard measurement.measure, let graph = loaded.graph else {
            Console.line(loaded.profile.json.prettySerialized())
            return
        }
        Console.line(try measurement.measured(loaded.profile, graph: graph, fileWeights: loaded.weights).json.prettySerialized())
    }
}
