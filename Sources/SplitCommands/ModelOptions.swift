import ArgumentParser
import Foundation
import SplitCost
import SplitModels

/// Where a command's model comes from: a zoo model or an ONNX file with a roofline estimate, or a profile file.
///
/// The graph flags (input size, batch, element types, compute specs) describe how a zoo model or
/// a model file is built and timed; a profile file carries its own sizes and times, so with
/// `--profile` they are refused rather than silently ignored.
struct ModelOptions: ParsableArguments {
    @OptionGroup var zoo: GraphModelOptions

    @Option(name: .long, help: "A profile file in the splitscope-profile JSON format (instead of --model).")
    var profile: String?

    /// The device's GMAC/s as the roofline estimate uses it (the default unless given).
    var deviceGmacsPerS: Double { zoo.estimator.device.gmacsPerSecond }

    /// The edge's GMAC/s as the roofline estimate uses it (the default unless given).
    var edgeGmacsPerS: Double { zoo.estimator.edge.gmacsPerSecond }

    /// The device and edge specs of the roofline estimate.
    var estimator: RooflineEstimator { zoo.estimator }

    /// Loads the model the options name, or explains what is wrong.
    func load() throws -> LoadedModel {
        guard let path = profile else { return try zoo.load() }
        try refuseWithProfile()
        return LoadedModel(profile: try Self.readProfile(path: path), graph: nil, source: path)
    }

    /// Nothing when `--profile` is alone; otherwise the usage error for the graph flags given with it.
    private func refuseWithProfile() throws {
        guard zoo.model == nil, zoo.modelFile == nil else {
            throw CommandError("give one of --model, --profile or --model-file, not several")
        }
        let zooOnly = zoo.givenFlags
        guard zooOnly.isEmpty else {
            throw CommandError("\(zooOnly.joined(separator: ", ")) \(zooOnly.count == 1 ? "applies" : "apply") to zoo models "
                + "(--model) only: a profile file carries its own sizes and times")
        }
    }

    /// Loads every version of a `--versions` manifest (see ``GraphModelOptions/loadVersions(_:)``);
    /// `--profile` is refused with it.
    func loadVersions(_ path: String) throws -> (set: ModelVersionSet, models: [LoadedModel]) {
        guard profile == nil else { throw CommandError("give --versions or --profile, not both (the manifest names the models)") }
        return try zoo.loadVersions(path)
    }

    /// Reads and checks a profile file; errors name the file and the field.
    static func readProfile(path: String) throws -> ModelProfile {
        let text = try InputFile.readText(path: path, what: "profile")
        do {
            return try ModelProfile(jsonText: text)
        } catch {
            throw CommandError("\(path): \(error)")
        }
    }
}

/// A model graph and how to build and time it: `--model` or `--model-file`, and the flags that
/// only a graph takes.
struct GraphModelOptions: ParsableArguments {
    @Option(name: .long, help: "A built-in model (see `splitscope models`).")
    var model: String?

    @Option(name: .long, help: "An ONNX model file (graph, weights and shapes from the file; roofline times).")
    var modelFile: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Input side in pixels for zoo models (default 224; 32 for smallcnn).")
    var inputSize: FlagInteger?

    @Option(name: .long, parsing: .unconditional,
            help: "Batch size for zoo models (default 1); output bytes, MACs and times are then per batch.")
    var batch: FlagInteger?

    @Option(name: .long, help: "Element type of intermediate tensors: float32 (default), float16 or int8.")
    var tensorType: String?

    @Option(name: .long, help: "Element type of the raw input: float32 (default, as the engine sends it) or uint8 (8-bit frames).")
    var inputType: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Device sustained GMAC/s for the roofline estimate (default \(Format.plain(ComputeSpec.jetsonClass.gmacsPerSecond))).")
    var deviceGmacsPerS: FlagNumber?

    @Option(name: .long, parsing: .unconditional,
            help: "Edge sustained GMAC/s for the roofline estimate (default \(Format.plain(ComputeSpec.serverGPU.gmacsPerSecond))).")
    var edgeGmacsPerS: FlagNumber?

    @Option(name: .long, parsing: .unconditional,
            help: "Device memory bandwidth in GB/s for the roofline estimate (default \(Format.plain(ComputeSpec.jetsonClass.memoryGBps))).")
    var deviceMemGbps: FlagNumber?

    @Option(name: .long, parsing: .unconditional,
            help: "Edge memory bandwidth in GB/s for the roofline estimate (default \(Format.plain(ComputeSpec.serverGPU.memoryGBps))).")
    var edgeMemGbps: FlagNumber?

    /// The zoo-only flags given on the command line, by name.
    var givenFlags: [String] {
        let given: [(String, Bool)] = [
            ("--input-size", inputSize != nil), ("--batch", batch != nil), ("--tensor-type", tensorType != nil),
            ("--input-type", inputType != nil), ("--device-gmacs-per-s", deviceGmacsPerS != nil),
            ("--edge-gmacs-per-s", edgeGmacsPerS != nil), ("--device-mem-gbps", deviceMemGbps != nil),
            ("--edge-mem-gbps", edgeMemGbps != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// The device and edge specs these options describe (defaults where not given).
    var estimator: RooflineEstimator {
        var device = ComputeSpec.jetsonClass
        device.gmacsPerSecond = deviceGmacsPerS?.value ?? device.gmacsPerSecond
        device.memoryGBps = deviceMemGbps?.value ?? device.memoryGBps
        var edge = ComputeSpec.serverGPU
        edge.gmacsPerSecond = edgeGmacsPerS?.value ?? edge.gmacsPerSecond
        edge.memoryGBps = edgeMemGbps?.value ?? edge.memoryGBps
        return RooflineEstimator(device: device, edge: edge)
    }

    /// Builds and times the zoo model `--model` names (or the `--model-file`), or explains what is wrong.
    ///
    /// `fileFlag` names the model file in messages (nil for a file a versions manifest names).
    func load(fileFlag: String? = "--model-file") throws -> LoadedModel {
        if let modelFile { return try loadModelFile(modelFile, flag: fileFlag) }
        guard let name = model else {
            throw CommandError("give --model NAME (one of \(ModelZoo.names.joined(separator: ", "))), --model-file FILE.onnx "
                + "or --profile FILE")
        }
        let rates: [(String, FlagNumber?, Quantity)] = [
            ("--device-gmacs-per-s", deviceGmacsPerS, .gmacsPerSecond), ("--edge-gmacs-per-s", edgeGmacsPerS, .gmacsPerSecond),
            ("--device-mem-gbps", deviceMemGbps, .memoryGBps), ("--edge-mem-gbps", edgeMemGbps, .memoryGBps),
        ]
        for (flag, value, quantity) in rates {
            _ = try quantity.checkedIfGiven(value, flag: flag)
        }
        var sides = Quantity.inputSide
        if let smallest = ModelZoo.minimumInputSize(of: name) {
            sides.lowest = Double(smallest)
            sides.name = "input size of \(name)"
        }
        let side = try sides.checkedIfGiven(inputSize, flag: "--input-size").map { Int($0) }
        let batchSize = Int(try Quantity.batch.checked(batch ?? 1, flag: "--batch"))
        guard let activation = ElementType(rawValue: tensorType ?? "float32"), activation != .uint8 else {
            throw CommandError("--tensor-type must be float32, float16 or int8, got \"\(tensorType ?? "")\"")
        }
        guard let input = ElementType(rawValue: inputType ?? ElementType.rawInput.rawValue), input == .uint8 || input == .float32 else {
            throw CommandError("--input-type must be uint8 or float32, got \"\(inputType ?? "")\"")
        }
        let graph: ModelGraph
        do {
            graph = try ModelZoo.model(named: name, inputSize: side, batchSize: batchSize,
                                       activationElement: activation, inputElement: input)
        } catch {
            throw CommandError("--model: \(error)")
        }
        return LoadedModel(profile: estimator.profile(of: graph), graph: graph, source: "zoo model \(graph.name)")
    }
}

/// A model ready to plan: its profile, and its graph when it came from the zoo or a model file.
struct LoadedModel {
    var profile: ModelProfile
    var graph: ModelGraph?
    /// Where it came from, for headers.
    var source: String
    /// The learned tensors, when a model file (`--model-file`) brought them.
    var weights: ModelWeights? = nil
}
