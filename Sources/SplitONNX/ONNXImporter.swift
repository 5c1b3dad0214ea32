import Foundation
import SplitModels
import SwiftProtobuf

/// Reads ONNX model files into splitscope's `ModelGraph` and `ModelWeights`.
///
/// Reads what `torch.onnx.export` writes for torchvision's classification CNNs (opset 13–18; files
/// of opset 9 to 21 are accepted): see `GraphConverter.supportedOperators`. Initializers may be
/// inline (`raw_data`, `float_data`) or in external data files beside the model. Anything the
/// engine cannot run is an `ONNXImportError` naming the file, node, op type and attribute; nothing
/// is silently skipped.
///
/// ```swift
/// let model = try ONNXImporter.importModel(atPath: "resnet18.onnx")
/// print(model.graph.layers[0].name)        // "/conv1/Conv"
/// print(model.graph.layers[0].outputName)  // "/conv1/Conv_output_0"
/// ```
public enum ONNXImporter {
    /// The default-domain opsets accepted.
    public static let supportedOpsets = 9...21

    /// Reads a model file and the external data files it names (relative to its folder).
    public static func importModel(atPath path: String, options: ONNXImportOptions = ONNXImportOptions())
        throws(ONNXImportError) -> ImportedModel {
        var isDirectory: ObjCBool = false
        let unreadable = ONNXImportError(.unreadableFile, file: path, reason: "cannot read the file")
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ONNXImportError(.unreadableFile, file: path, reason: "cannot read the file: no such file")
        }
        guard !isDirectory.boolValue else {
            throw ONNXImportError(.unreadableFile, file: path, reason: "cannot read the file: it is a directory, not a file")
        }
        // A pipe with no writer would block the open forever, a device never ends: regular files only.
        guard isRegularFile(path) else {
            throw ONNXImportError(.unreadableFile, file: path, reason: "cannot read the file: it is not a regular file "
                + "(a pipe, a device or a socket); save the model to a file first")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw unreadable }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()  // nil: nothing before the end
        } catch {
            throw unreadable
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var cache: [String: Data] = [:]
        let reader: (String) -> Data? = { location in
            if let cached = cache[location] { return cached }
            guard let url = insideFolder(location, of: folder) else { return nil }
            guard let bytes = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
            cache[location] = bytes
            return bytes
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try importModel(serialized: data, name: name, file: path, options: options, externalData: reader)
    }

    /// The external-data file at `location` when it is a regular file inside `folder` once every
    /// symbolic link in either is resolved (a link to `/etc/passwd` or `/dev/zero` is refused), else nil.
    static func insideFolder(_ location: String, of folder: URL) -> URL? {
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let target = folder.appendingPathComponent(location).resolvingSymlinksInPath().standardizedFileURL
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard target.path.hasPrefix(prefix), isRegularFile(target.path) else { return nil }
        return target
    }

    /// Whether `path` (links followed) is a regular file.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Reads a serialized model; `externalData` gives the bytes of an external-data file by its
    /// (checked, relative) location, or `nil` when it cannot be read.
    public static func importModel(serialized data: Data, name: String, file: String,
                                   options: ONNXImportOptions = ONNXImportOptions(),
                                   externalData: @escaping (String) -> Data? = { _ in nil }) throws(ONNXImportError) -> ImportedModel {
        guard !data.isEmpty else { throw ONNXImportError(.notONNX, file: file, reason: "the file is empty, not an ONNX model") }
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw ONNXImportError(.notONNX, file: file, reason: "not an ONNX model: \(describe(error))")
        }
        guard model.irVersion >= 3, model.hasGraph else {
            throw ONNXImportError(.notONNX, file: file, reason: "not an ONNX model (no IR version or no graph)")
        }
        let defaults = model.opsetImport.filter { $0.domain.isEmpty || $0.domain == "ai.onnx" }
        guard let opsetImport = defaults.first, let opset = Int(exactly: opsetImport.version) else {
            throw ONNXImportError(.notONNX, file: file, reason: "not an ONNX model: it imports no default opset")
        }
        guard supportedOpsets.contains(opset) else {
            throw ONNXImportError(.unsupportedOperator, file: file,
                                  reason: "opset \(opset) is not supported (\(supportedOpsets.lowerBound)–\(supportedOpsets.upperBound))")
        }
        let decoder = TensorDecoder(file: file, externalData: externalData)
        var converter = try GraphConverter(graph: model.graph, name: name, file: file, opset: opset, decoder: decoder,
                                           options: options)
        var (graph, weights) = try converter.convert()
        // The engine's errors name the file, as the importer's do (``ModelGraph/messageName``).
        graph.source = file
        let producer = [model.producerName, model.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        let stored = model.graph.initializer.reduce(0) { sum, tensor in
            let count = tensor.dims.reduce(1) { $0.multipliedSaturated(by: Int(clamping: max(0, $1))) }
            return sum.addingSaturated(count.multipliedSaturated(by: TensorDecoder.byteWidth(of: tensor.dataType) ?? 0))
        }
        return ImportedModel(graph: graph, weights: weights, opsetVersion: opset, producer: producer,
                             dynamicBatch: converter.dynamicBatch, storedWeightBytes: stored)
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? BinaryDecodingError {
        case .truncated?: "the data is truncated"
        case .malformedProtobuf?: "the data is not protocol buffers"
        case .invalidUTF8?: "a text field is not UTF-8"
        case .messageDepthLimit?: "messages are nested too deeply"
        default: "it does not decode (\(error))"
        }
    }
}
