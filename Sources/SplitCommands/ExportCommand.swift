import ArgumentParser
import Foundation
import Glibc
import SplitEngine
import SplitModels
import SplitONNX

/// `splitscope export`: an ONNX model cut into a device part and an edge part, as two ONNX files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the device part and the edge part of a split ONNX model as two ONNX files.",
        discussion: """
        Writes DIR/<stem>-device.onnx, which reads the model's input and outputs exactly the tensors \
        the split sends (ONNX value names kept), and DIR/<stem>-edge.onnx, which reads those tensors \
        and outputs the model's outputs, so any Open Inference Protocol server that runs ONNX \
        (Triton, KServe, MLServer) can serve the edge part. --split K puts the first K layers on the \
        device; --device-layers names any device part closed under predecessors instead. Both files \
        keep the source's IR version, opsets and attributes; each holds only the initializers its \
        nodes read, inline (external data is read and written into the file). DIR is created when \
        missing; existing files of those names are replaced, as `run --output` replaces its file.
        """
    )

    @Option(name: .long, help: "The ONNX model file to split.")
    var modelFile: String?

    @Option(name: .long, help: ArgumentHelp("A zoo model: refused, zoo models have no ONNX graph to write.", visibility: .hidden))
    var model: String?

    @Option(name: .long, parsing: .unconditional, help: "Put the first K layers on the device (1 to the layer count − 1).")
    var split: FlagInteger?

    @Option(name: .long, help: "Comma-separated device layers or ONNX value names (closed under predecessors; layer:NAME or value:NAME when a name is both).")
    var deviceLayers: String?

    @Option(name: .long, help: "The folder to write <stem>-device.onnx and <stem>-edge.onnx into.")
    var out: String?

    func run() throws {
        if let model {
            throw CommandError("--model \(model): export writes ONNX files and zoo models have no ONNX graph to write; "
                + "give --model-file FILE.onnx (scripts/make-onnx-torchvision.py writes ResNet-18 and MobileNetV2)")
        }
        guard let path = modelFile else {
            throw CommandError("give --model-file FILE.onnx: export splits ONNX files")
        }
        guard let out, !out.isEmpty else { throw CommandError("give --out DIR, the folder to write the two parts into") }
        let graph = try EngineOptions.importFile(path, flag: "--model-file").graph
        let onDevice = try partition(graph)
        let sent: [TensorSource]
        do {
            sent = try SplitExecution.boundary(of: graph, onDevice: onDevice)
        } catch {
            throw CommandError("--device-layers: \(error)")
        }
        let boundary = sent.map { source in
            ONNXBoundaryTensor(name: RunCommand.tensorName(source, in: graph), sampleDims: RunCommand.shape(of: source, in: graph).dims)
        }
        let parts: ONNXModelParts
        do {
            parts = try ONNXPartExporter.split(modelAtPath: path, boundary: boundary)
        } catch {
            throw CommandError("\(error)")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try Self.makeFolder(out)
        // Named as the user named the folder, so the printed paths are the ones they typed.
        let devicePath = (out as NSString).appendingPathComponent("\(stem)-device.onnx")
        let edgePath = (out as NSString).appendingPathComponent("\(stem)-edge.onnx")
        try OutputFile.write([UInt8](parts.device.bytes), to: devicePath, flag: "--out")
        try OutputFile.write([UInt8](parts.edge.bytes), to: edgePath, flag: "--out")

        let deviceCount = onDevice.filter { $0 }.count
        let firstEdge = onDevice.firstIndex(of: false).map { graph.layers[$0].name } ?? "-"
        let lastDevice = onDevice.lastIndex(of: true).map { graph.layers[$0].name } ?? "-"
        Console.line("\(graph.name): \(deviceCount) of \(Format.counted(graph.layers.count, "layer")) on the device (through \(lastDevice)), "
            + "the edge from \(firstEdge)")
        let width = max(devicePath.count, edgePath.count)
        for (file, part, role) in [(devicePath, parts.device, "device"), (edgePath, parts.edge, "edge")] {
            Console.line("  \(file.padding(toLength: width, withPad: " ", startingAt: 0))  \(role) part: "
                + "\(Format.counted(part.nodes, "node")), \(Format.counted(part.initializers, "initializer")), "
                + "\(Format.grouped(part.bytes.count)) B")
        }
        let perSample = boundary.reduce(0) { $0 + 4 * ($1.sampleDims.reduce(1, *)) }
        Console.line("boundary: \(Format.counted(boundary.count, "tensor")), \(Format.grouped(perSample)) B per sample "
            + "(the device part's outputs, the edge part's inputs; batch dimension \(parts.batchDimension))")
        for tensor in boundary {
            let shape = ([parts.batchDimension] + tensor.sampleDims.map(String.init)).joined(separator: "×")
            Console.line("  \(tensor.name)  FP32 \(shape)")
        }
    }

    /// The device layers `--split` or `--device-layers` ask for, refusing splits that leave a part empty.
    private func partition(_ graph: ModelGraph) throws -> [Bool] {
        let count = graph.layers.count
        let onDevice: [Bool]
        switch (split, deviceLayers) {
        case (.some, .some):
            throw CommandError("give --split or --device-layers, not both")
        case (nil, nil):
            throw CommandError("give --split K (1 to \(count - 1)) or --device-layers NAME,…: where to cut \(graph.name)")
        case (.some(let k), nil):
            let cut = Int(try Quantity.layerCount.capped(at: Double(count)).checked(k, flag: "--split"))
            onDevice = (0..<count).map { $0 < cut }
        case (nil, .some(let list)):
            var chosen = [Bool](repeating: false, count: count)
            let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw CommandError("--device-layers needs at least one layer or tensor name") }
            for name in names {
                let index = try LayerArgument.index(of: name, in: graph, flag: "--device-layers")
                chosen[index] = true
            }
            onDevice = chosen
        }
        let flag = split != nil ? "--split" : "--device-layers"
        if !onDevice.contains(true) {
            throw CommandError("\(flag): the device part is empty; the edge part would be the whole model (serve the file itself)")
        }
        if !onDevice.contains(false) {
            throw CommandError("\(flag): every layer is on the device; the edge part would be empty")
        }
        return onDevice
    }

    /// Creates `path` (and its parents) when missing; refuses a path that is a file.
    private static func makeFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandError("--out \(path): is a file, not a folder") }
            return
        }
        // Each missing folder from the top down, so the message names the one that failed and why.
        var made = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            made += "/" + component
            guard !FileManager.default.fileExists(atPath: made) else { continue }
            guard mkdir(made, 0o755) == 0 || errno == EEXIST else {
                throw CommandError("--out \(path): cannot create the folder \(made): \(String(cString: strerror(errno)))")
            }
        }
    }
}
