import ArgumentParser
import Foundation
import SplitCost
import SplitModels

/// Where a command's model comes from: a zoo model or an ONNX file with a roofline estimate, or a profile file.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "A built-in model (see `splitscope models`).")
    var model: String?

    @Option(name: .long, help: "A profile file in the splitscope-profile JSON format.")
    var profile: String?

    @Option(name: .long, help: "An ONNX model file (graph, weights and shapes from the file; roofline times).")
    var modelFile: String?

    @Option(name: .long, help: "Input side in pixels for zoo models (default 224; 32 for smallcnn).")
    var inputSize: Int?

    @Option(name: .long, help: "Batch size for zoo models.")
    var batch: Int = 1

    @Option(name: .long, help: "Element type of intermediate tensors: float32, float16 or int8.")
    var tensorType: String = "float32"

    @Option(name: .long, help: "Element type of the raw input: uint8 or float32.")
    var inputType: String = "uint8"

    @Option(name: .long, help: "Device sustained GMAC/s for the roofline estimate.")
    var deviceGmacsPerS: Double = ComputeSpec.jetsonClass.gmacsPerSecond

    @Option(name: .long, help: "Edge sustained GMAC/s for the roofline estimate.")
    var edgeGmacsPerS: Double = ComputeSpec.serverGPU.gmacsPerSecond

    @Option(name: .long, help: "Device memory bandwidth in GB/s for the roofline estimate.")
    var deviceMemGbps: Double = ComputeSpec.jetsonClass.memoryGBps

    @Option(name: .long, help: "Edge memory bandwidth in GB/s for the roofline estimate.")
    var edgeMemGbps: Double = ComputeSpec.serverGPU.memoryGBps

    /// The device and edge specs these options describe.
    var estimator: RooflineEstimator {
        var device = ComputeSpec.jetsonClass
        device.gmacsPerSecond = deviceGmacsPerS
        device.memoryGBps = deviceMemGbps
        var edge = ComputeSpec.serverGPU
        edge.gmacsPerSecond = edgeGmacsPerS
        edge.memoryGBps = edgeMemGbps
        return RooflineEstimator(device: device, edge: edge)
    }

    /// Loads the model the options name, or explains what is wrong.
    func load() throws -> LoadedModel {
        if let modelFile { return try loadModelFile(modelFile) }
        switch (model, profile) {
        case (nil, nil):
            throw CommandError("give --model NAME (one of \(ModelZoo.names.joined(separator: ", "))), --model-file FILE.onnx "
                + "or --profile FILE")
        case (.some, .some):
            throw CommandError("give either --model or --profile, not both")
        case (.some(let name), nil):
            for (flag, value) in [("--device-gmacs-per-s", deviceGmacsPerS), ("--edge-gmacs-per-s", edgeGmacsPerS),
                                  ("--device-mem-gbps", deviceMemGbps), ("--edge-mem-gbps", edgeMemGbps)]
            where !(value.isFinite && value > 0) {
                throw CommandError("\(flag) must be a positive number, got \(value)")
            }
            guard let activation = ElementType(rawValue: tensorType), activation != .uint8 else {
                throw CommandError("--tensor-type must be float32, float16 or int8, got \"\(tensorType)\"")
            }
            guard let input = ElementType(rawValue: inputType), input == .uint8 || input == .float32 else {
                throw CommandError("--input-type must be uint8 or float32, got \"\(inputType)\"")
            }
            let graph: ModelGraph
            do {
                graph = try ModelZoo.model(named: name, inputSize: inputSize, batchSize: batch,
                                           activationElement: activation, inputElement: input)
            } catch {
                throw CommandError("--model: \(error)")
            }
            return LoadedModel(profile: estimator.profile(of: graph), graph: graph, source: "zoo model \(graph.name)")
        case (nil, .some(let path)):
            return LoadedModel(profile: try Self.readProfile(path: path), graph: nil, source: path)
        }
    }

    /// Reads and checks a profile file; errors name the file and the field.
    static func readProfile(path: String) throws -> ModelProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): cannot read the file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandError("\(path): not UTF-8 text")
        }
        do {
            return try ModelProfile(jsonText: text)
        } catch {
            throw CommandError("\(path): \(error)")
        }
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
