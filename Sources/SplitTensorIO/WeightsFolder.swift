import SplitModels

/// A model's weights as a folder of `.npy` files, one per learned tensor, named `LAYER.ROLE.npy`
/// (`conv1.weight.npy`, `bn1.variance.npy`): NumPy's `.npz` unpacked, readable and writable with
/// `numpy.load`/`numpy.save`. The format is in `docs/weights-folder.md`.
///
/// This type only turns files' bytes into weights and back; reading and writing the folder is the
/// caller's. Every tensor a layer takes must be there with its exact shape, finite, and no other
/// `.npy` file may be: a misspelt or extra file is an error, not silently ignored.
///
/// ```swift
/// let files = WeightsFolder.encode(ModelWeights.seeded(for: graph, seed: 1), for: graph)  // name → bytes
/// let weights = try WeightsFolder.decode(files, for: graph)
/// ```
public enum WeightsFolder {
    /// The file that holds one layer's tensor.
    public static func fileName(layer: String, role: String) -> String {
        "\(layer).\(role).npy"
    }

    /// The files of `weights` for `graph`'s layers, by file name.
    public static func encode(_ weights: ModelWeights, for graph: ModelGraph) -> [String: [UInt8]] {
        var files = [String: [UInt8]]()
        for slot in ModelWeights.slots(for: graph) {
            guard let tensor = weights[slot.layer]?[slot.role] else { continue }
            files[fileName(layer: slot.layer, role: slot.role)] = NumPyFile.encode(tensor)
        }
        return files
    }

    /// The weights in `files` (file name → bytes; names other than `.npy` files are not given) for
    /// `graph`, or an error naming the file, the layer and what is wrong.
    public static func decode(_ files: [String: [UInt8]], for graph: ModelGraph) throws(WeightsFolderError) -> ModelWeights {
        var weights = ModelWeights()
        var expected = Set<String>()
        for slot in ModelWeights.slots(for: graph) {
            let name = fileName(layer: slot.layer, role: slot.role)
            expected.insert(name)
            guard let bytes = files[name] else {
                throw WeightsFolderError(file: nil, "layer \(slot.layer) needs its \(slot.role) in \(name) "
                    + "(shape \(NumPyFile.shapeText(slot.shape))), which is not there")
            }
            let tensor: FloatTensor
            do {
                tensor = try NumPyFile.decode(bytes)
            } catch {
                throw WeightsFolderError(file: name, "\(error)")
            }
            guard tensor.shape == slot.shape else {
                throw WeightsFolderError(file: name, "layer \(slot.layer)'s \(slot.role) must have shape "
                    + "\(NumPyFile.shapeText(slot.shape)), got \(NumPyFile.shapeText(tensor.shape))")
            }
            if let index = tensor.elements.firstIndex(where: { !$0.isFinite }) {
                throw WeightsFolderError(file: name, "layer \(slot.layer)'s \(slot.role): element \(index) is "
                    + "\(tensor.elements[index]); weights must be finite numbers")
            }
            weights.layers[slot.layer, default: LayerWeights()][slot.role] = tensor
        }
        if let extra = files.keys.sorted().first(where: { !expected.contains($0) }) {
            throw WeightsFolderError(file: extra, "no layer of \(graph.name) takes this tensor "
                + "(files are LAYER.ROLE.npy, e.g. \(expected.sorted().first ?? "conv1.weight.npy"))")
        }
        return weights
    }
}

/// Why a weights folder cannot be used: the file (when one is to blame) and what is wrong with it.
public struct WeightsFolderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name inside the folder, or nil when the problem is a missing file.
    public var file: String?
    public var message: String

    public init(file: String?, _ message: String) {
        self.file = file
        self.message = message
    }

    /// The file's name is the folder's (it may hold anything a file name can): shown escaped and bounded.
    public var description: String { file.map { "\(DisplayText.escaped($0, limit: 200)): \(message)" } ?? message }
}
