import ArgumentParser
import Foundation
import SplitEngine
import SplitModels

/// `profile --measure`: layer times measured by running the model here instead of a roofline estimate.
struct ProfileMeasurement: ParsableArguments {
    @Flag(name: .long, help: "Measure device_ms and edge_ms by running each layer here (median of warm repeats).")
    var measure = false

    @Option(name: .long, parsing: .unconditional,
            help: "With --measure: device_ms is the measured time times this factor (a weaker device; default 1).")
    var slowdown: FlagNumber?

    @Option(name: .long, parsing: .unconditional, help: "With --measure: timed runs per thread count (default 20).")
    var `repeat`: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "With --measure: engine threads for device_ms (default 1).")
    var threads: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "With --measure: engine threads for edge_ms (default: as the edge chooses, every core unless one thread runs the model faster here).")
    var edgeThreads: FlagInteger?

    @Option(name: .long, help: "With --measure, for zoo models: weights, seed:N (default seed:1) or a weights folder (a model file brings its own).")
    var weights: String?

    func validate() throws {
        try ThreadCount.validate(threads, flag: "--threads")
        try ThreadCount.validate(edgeThreads, flag: "--edge-threads")
    }

    /// The measurement options given on the command line, which mean nothing without `--measure`.
    var givenOptions: [String] {
        [("--slowdown", slowdown != nil), ("--repeat", `repeat` != nil), ("--threads", threads != nil),
         ("--edge-threads", edgeThreads != nil), ("--weights", weights != nil)].filter(\.1).map(\.0)
    }

    /// Nothing when `--measure` is given or no measurement option is; otherwise a usage error
    /// naming the options that would be ignored.
    func checkGivenOnlyWithMeasure() throws(CommandError) {
        let given = givenOptions
        guard measure || given.isEmpty else {
            throw CommandError("\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") with --measure only: "
                + "without it the profile's times are the roofline estimate")
        }
    }

    /// The profile with `device_ms` and `edge_ms` replaced by medians measured on `graph`, run with
    /// `fileWeights` when a model file brought them, else with seeded weights.
    ///
    /// Layers fused into the one before them (a batch norm, a ReLU) measure 0 ms: their work is in
    /// that layer's time. A model's input runs as float32 here whatever its declared input type.
    func measured(_ profile: ModelProfile, graph: ModelGraph, fileWeights: ModelWeights? = nil) throws -> ModelProfile {
        let factor = try Quantity.slowdown.checked(slowdown ?? 1, flag: "--slowdown")
        let repeats = Int(try Quantity.repeats.checked(`repeat` ?? 20, flag: "--repeat"))
        let deviceThreads = try ThreadCount.checked(threads ?? 1, flag: "--threads")
        let givenEdgeThreads = try edgeThreads.map { try ThreadCount.checked($0, flag: "--edge-threads") }
        var runnable = graph
        runnable.inputElement = .float32
        let modelWeights: ModelWeights
        if let fileWeights {
            guard weights == nil else { throw CommandError("--weights applies to zoo models only: a model file carries its own") }
            modelWeights = fileWeights
        } else {
            modelWeights = try EngineOptions.zooWeights(weights ?? "seed:1", for: runnable)
        }
        // The edge's thread count as `splitscope edge` would choose it for this model, unless given.
        let edge = try givenEdgeThreads ?? Self.edgeThreadChoice(runnable, modelWeights)
        let deviceMs = try Self.layerMedians(runnable, modelWeights, threads: deviceThreads, repeats: repeats)
        let edgeMs = edge == deviceThreads ? deviceMs : try Self.layerMedians(runnable, modelWeights, threads: edge, repeats: repeats)
        var result = profile
        for index in result.layers.indices {
            result.layers[index].deviceMs = deviceMs[index] * factor
            result.layers[index].edgeMs = edgeMs[index]
        }
        return result
    }

    /// The thread count of `edge_ms` when `--edge-threads` is not given: ``EdgeThreadChoice``, as
    /// the edge chooses its own, said on standard error (standard output is the profile).
    static func edgeThreadChoice(_ graph: ModelGraph, _ weights: ModelWeights,
                                 cores: Int = ThreadCount.onlineCores) throws -> Int {
        guard cores > 1 else {
            Console.error("profile --measure: edge_ms with 1 engine thread (this machine has 1 core)")
            return 1
        }
        let choice = try EdgeThreadChoice.measure(graph: graph, weights: weights, cores: cores)
        Console.error("profile --measure: edge_ms of \(graph.name) with "
            + choice.text(model: "the model", insist: "--edge-threads"))
        return choice.threads
    }

    /// Each layer's median time over `repeats` warm runs of the whole model (``LayerProfiler``,
    /// which the live device measures itself with too).
    static func layerMedians(_ graph: ModelGraph, _ weights: ModelWeights, threads: Int, repeats: Int) throws -> [Double] {
        do {
            return try LayerProfiler.medians(graph, weights, threads: threads, repeats: repeats)
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
    }
}
