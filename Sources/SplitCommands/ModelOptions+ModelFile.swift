import Foundation
import SplitCost
import SplitModels
import SplitONNX

extension GraphModelOptions {
    /// Loads `--model-file`: an ONNX model's graph from the file, timed by the roofline estimate.
    ///
    /// The file fixes the input size (so `--input-size` is refused) and, unless its batch
    /// dimension is dynamic, the batch; `--batch` fills a dynamic batch. Element types and the
    /// roofline flags apply as for zoo models. Errors name the file, node, op type and attribute.
    /// `flag` names the file in messages: nil for a file a versions manifest names.
    func loadModelFile(_ path: String, flag: String?) throws -> LoadedModel {
        guard model == nil else {
            throw CommandError("give one of --model, --profile or --model-file, not several")
        }
        guard inputSize == nil else {
            throw CommandError("--input-size applies to zoo models only: \(path) fixes its own input size")
        }
        for (flag, value, quantity) in [("--device-gmacs-per-s", deviceGmacsPerS, Quantity.gmacsPerSecond),
                                        ("--edge-gmacs-per-s", edgeGmacsPerS, .gmacsPerSecond),
                                        ("--device-mem-gbps", deviceMemGbps, .memoryGBps),
                                        ("--edge-mem-gbps", edgeMemGbps, .memoryGBps)] {
            _ = try quantity.checkedIfGiven(value, flag: flag)
        }
        _ = try Quantity.batch.checkedIfGiven(batch, flag: "--batch")
        guard let activation = ElementType(rawValue: tensorType ?? "float32"), activation != .uint8 else {
            throw CommandError("--tensor-type must be float32, float16 or int8, got \"\(tensorType ?? "")\"")
        }
        guard let input = ElementType(rawValue: inputType ?? ElementType.rawInput.rawValue), input == .uint8 || input == .float32 else {
            throw CommandError("--input-type must be uint8 or float32, got \"\(inputType ?? "")\"")
        }
        // Only a given `--batch` other than 1 asks for a batch size (it fills a dynamic batch).
        let batchSize = batch.map { Int($0.value) }.flatMap { $0 == 1 ? nil : $0 }
        let options = ONNXImportOptions(batchSize: batchSize, inputElement: input, activationElement: activation)
        let imported = try ModelFile.importModel(path, flag: flag, options: options)
        let graph = imported.graph
        return LoadedModel(profile: estimator.profile(of: graph), graph: graph,
                           source: "ONNX file \(path), opset \(imported.opsetVersion)", weights: imported.weights)
    }
}
