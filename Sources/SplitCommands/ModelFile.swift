import SplitEngine
import SplitModels
import SplitONNX

/// Importing an ONNX model file for any command: the one place where what is wrong with a
/// model file is worded, so every command names the file the same way.
enum ModelFile {
    /// The model in the file at `path`, its weights checked as the engine checks them.
    ///
    /// Every error names the file: one the importer finds (`PATH: not an ONNX model…`) and a
    /// weight the engine would refuse (`PATH: layer /fc/Gemm: "weight" holds -2.1e+22…`), so a
    /// corrupt copy does not read as if the committed model of that name were broken. Through a
    /// manifest, ``VersionsFile/loadEach(path:_:)`` puts the version's index and name before it.
    /// `prefix` goes before an importer's error (`--model-file: `).
    static func importModel(_ path: String, options: ONNXImportOptions, prefix: String = "") throws -> ImportedModel {
        try InputFile.check(path: path, what: "model file")
        let imported: ImportedModel
        do {
            imported = try ONNXImporter.importModel(atPath: path, options: options)
        } catch {
            throw CommandError("\(prefix)\(error)")
        }
        if let refused = weightRefusal(graph: imported.graph, weights: imported.weights) {
            throw CommandError("\(imported.graph.messageName): \(refused)")
        }
        return imported
    }

    /// The first weight (in layer order, then by role) the engine would refuse: not finite, or
    /// beyond ``ValueGuard/weightLimit``; nil when every weight is usable.
    static func weightRefusal(graph: ModelGraph, weights: ModelWeights) -> EngineError? {
        for layer in graph.layers {
            guard let tensors = weights[layer.name]?.tensors else { continue }
            for role in tensors.keys.sorted() {
                guard let tensor = tensors[role] else { continue }
                let bad = tensor.elements.withUnsafeBufferPointer { ValueGuard.firstOutOfRange($0, limit: ValueGuard.weightLimit) }
                if let bad {
                    return .weightValue(layer: layer.name, role: role, element: bad, value: tensor.elements[bad])
                }
            }
        }
        return nil
    }
}
