import Foundation
import SplitEngine
import SplitModels
import SplitONNX

/// Importing an ONNX model file for any command: the one place where what is wrong with a
/// model file is worded, so every command names the file the same way.
enum ModelFile {
    /// The model in the file at `path`, given with `flag`, its weights checked as the engine checks them.
    ///
    /// Every error names the flag and the file: a path that is no readable file (`--model-file
    /// DIR: cannot read the model file: it is a directory, not a file`), a JSON file (a versions
    /// manifest given where one ONNX model goes: `--edge-model-file takes an ONNX model file; X.json
    /// is a JSON file (…)`), one the importer finds (`--model-file PATH: not an ONNX model…`) and
    /// a weight the engine would refuse (`PATH: layer /fc/Gemm: "weight" holds -2.1e+22…`), so a
    /// corrupt copy does not read as if the committed model of that name were broken. `flag` is
    /// nil for a file a versions manifest names: ``VersionsFile/loadEach(path:_:)`` puts the
    /// version's index and name before the message. `manifestHint` says where a JSON file goes.
    static func importModel(_ path: String, flag: String?, options: ONNXImportOptions,
                            manifestHint: String = Self.manifestHint) throws -> ImportedModel {
        try check(path, flag: flag, manifestHint: manifestHint)
        let imported: ImportedModel
        do {
            imported = try ONNXImporter.importModel(atPath: path, options: options)
        } catch {
            throw CommandError("\(flag.map { "\($0) " } ?? "")\(error)")
        }
        if let refused = weightRefusal(graph: imported.graph, weights: imported.weights) {
            throw CommandError("\(imported.graph.messageName): \(refused)")
        }
        return imported
    }

    /// Nothing when `path` is a readable file that is not JSON; otherwise the message
    /// ``importModel(_:flag:options:manifestHint:)`` gives, for a command to check its model
    /// files before slower work (reading a data set).
    static func check(_ path: String, flag: String?, manifestHint: String = Self.manifestHint) throws(CommandError) {
        let named = flag.map { "\($0) \(path)" } ?? path
        if let problem = InputFile.problem(at: path) {
            throw CommandError("\(named): cannot read the model file: \(problem)")
        }
        if isJSON(path) {
            throw CommandError(flag.map { "\($0) takes an ONNX model file; \(path) is a JSON file (\(manifestHint))" }
                ?? "\(path): a JSON file, not an ONNX model")
        }
    }

    /// Where a versions manifest goes, for a JSON file given where one ONNX model goes.
    static let manifestHint = "a versions manifest goes to --versions of plan, simulate, profile, device or eval"

    /// Whether the file at `path` holds JSON (its first non-blank byte opens an object or an
    /// array): an ONNX file is protocol buffers and starts with a field tag, never `{` or `[`.
    static func isJSON(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
        guard let first = head.first(where: { !blanks.contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
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
