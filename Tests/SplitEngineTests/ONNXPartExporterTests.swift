import Foundation
import SplitEngine
import SplitModels
@testable import SplitONNX
import SplitPlanners
import SplitTensorIO
import Testing

/// `ONNXPartExporter` on the committed fixtures: every prefix split and min-cut partitions
/// are written as two ONNX models, read back, checked for what each file must hold, and — where
/// SplitONNX can read both parts (one tensor crosses) — run device part then edge part through
/// the engine and compared with ONNX Runtime's output for the whole model.
struct ONNXPartExporterTests {
    static let fixtures = ONNXFixtureTests.fixtures

    private func path(_ name: String) -> String { Self.fixtures.appendingPathComponent("\(name).onnx").path }

    private func array(_ name: String, _ suffix: String) throws -> FloatTensor {
        let file = Self.fixtures.appendingPathComponent("\(name).\(suffix).npy").path
        let data = try #require(FileManager.default.contents(atPath: file), "\(file)")
        return try NumPyFile.decode(Array(data))
    }

    /// The boundary of a partition, as the exporter takes it.
    private func boundary(_ graph: ModelGraph, _ onDevice: [Bool]) throws -> [ONNXBoundaryTensor] {
        try SplitExecution.boundary(of: graph, onDevice: onDevice).map { source in
            switch source {
            case .input: ONNXBoundaryTensor(name: graph.inputName ?? "input", sampleDims: graph.inputShape.dims)
            case .layer(let i): ONNXBoundaryTensor(name: graph.layers[i].tensorName, sampleDims: graph.layers[i].outputShape.dims)
            }
        }
    }

    /// Every prefix split with both parts non-empty, then the min-cut partitions that are.
    private func partitions(_ graph: ModelGraph) -> [[Bool]] {
        let n = graph.layers.count
        let prefixes = (1..<n).map { k in (0..<n).map { $0 < k } }
        var cuts: [[Bool]] = []
        for cut in minCutPartitions(graph) + forcedMinCuts(graph) where cut.contains(true) && cut.contains(false) && !cuts.contains(cut) {
            cuts.append(cut)
        }
        return prefixes + cuts
    }

    /// Min-cut partitions with one layer forced onto the device (as `--min-device-layers` or a
    /// memory budget would force it), for a slow device on a fast link: the cut falls just after the forced layer,
    /// inside a residual block when the layer is in one, and is no prefix there.
    private func forcedMinCuts(_ graph: ModelGraph) -> [[Bool]] {
        let perByte = 8 / (1000.0 * 1000)  // 1 Gbit/s
        return graph.layers.indices.map { forced in
            let problem = cutProblem(graph, deviceMACsPerMs: 2e5, perByte: perByte, forced: graph.layers.indices.map { $0 == forced })
            return MinCutPartitioner.solve(problem).onDevice
        }
    }

    @Test(arguments: ["chain_cnn", "resnet_like", "inverted_residual", "external_data"])
    func everySplitRoundTrips(_ name: String) throws {
        let input = try array(name, "input")
        let expected = try array(name, "expected")
        let options = ONNXImportOptions(batchSize: input.shape[0], inputElement: .float32)
        let model = try ONNXImporter.importModel(atPath: path(name), options: options)
        let source = try Onnx_ModelProto(serializedBytes: try #require(FileManager.default.contents(atPath: path(name))))
        let graph = model.graph
        var ranThroughEngine = 0
        let cuts = partitions(graph)
        // For the residual fixture, min-cut partitions that are no prefix are among them (in the
        // other fixtures every closed set of one forced layer happens to be a prefix).
        let prefixes = Set((1..<graph.layers.count).map { k in (0..<graph.layers.count).map { $0 < k } })
        if name == "resnet_like" {
            #expect(cuts.contains { !prefixes.contains($0) }, "\(name): no min-cut partition beyond the prefixes")
        }
        for onDevice in cuts {
            let k = onDevice.filter { $0 }.count
            let crossing = try boundary(graph, onDevice)
            let parts = try ONNXPartExporter.split(modelAtPath: path(name), boundary: crossing)
            let names = crossing.map(\.name)
            #expect(parts.boundary == crossing)
            #expect(parts.device.outputs == names, "\(name) k=\(k)")
            #expect(parts.edge.inputs == names, "\(name) k=\(k)")
            #expect(parts.device.inputs == [graph.inputName ?? ""])
            #expect(parts.edge.outputs == source.graph.output.map(\.name))

            let device = try Onnx_ModelProto(serializedBytes: parts.device.bytes)
            let edge = try Onnx_ModelProto(serializedBytes: parts.edge.bytes)
            for part in [device, edge] {
                #expect(part.irVersion == source.irVersion)
                #expect(part.opsetImport == source.opsetImport)
                let read = Set(part.graph.node.flatMap(\.input))
                for tensor in part.graph.initializer {
                    #expect(read.contains(tensor.name), "\(name) k=\(k): initializer \(tensor.name) is read by no node")
                    #expect(tensor.dataLocation != .external && tensor.externalData.isEmpty, "\(tensor.name) is written inline")
                }
                // Every value a node reads is defined inside the part.
                var defined = Set(part.graph.input.map(\.name) + part.graph.initializer.map(\.name))
                for node in part.graph.node {
                    for value in node.input where !value.isEmpty {
                        #expect(defined.contains(value), "\(name) k=\(k): \(node.name) reads \(value), undefined in the part")
                    }
                    defined.formUnion(node.output)
                }
                for output in part.graph.output { #expect(defined.contains(output.name)) }
            }
            // The edge part declares each boundary tensor with the batch and the model's per-sample shape.
            for (declared, tensor) in zip(edge.graph.input, crossing) {
                guard case .tensorType(let type)? = declared.type.value else {
                    Issue.record("\(declared.name) is not a tensor")
                    continue
                }
                #expect(type.elemType == 1)
                let dims = type.shape.dim.dropFirst().map { dim -> Int64 in
                    if case .dimValue(let v)? = dim.value { return v }
                    return -1
                }
                #expect(dims == tensor.sampleDims.map(Int64.init), "\(name) k=\(k): \(tensor.name)")
            }
            // Together the parts hold every node of the source; only nodes that compute nothing
            // (constants, and the Identity/Dropout aliases of a boundary tensor both sides read) are in both.
            let deviceNodes = Set(device.graph.node.map(\.name)), edgeNodes = Set(edge.graph.node.map(\.name))
            #expect(deviceNodes.union(edgeNodes) == Set(source.graph.node.map(\.name)), "\(name) k=\(k)")
            for shared in deviceNodes.intersection(edgeNodes) {
                let op = source.graph.node.first { $0.name == shared }?.opType ?? ""
                #expect(["Constant", "Identity", "Dropout"].contains(op), "\(name) k=\(k): \(shared) (\(op)) in both parts")
            }
            let deviceWeights = Set(device.graph.initializer.map(\.name)), edgeWeights = Set(edge.graph.initializer.map(\.name))
            #expect(deviceWeights.union(edgeWeights) == Set(source.graph.initializer.map(\.name)))

            guard crossing.count == 1 else { continue }
            // One tensor crosses: both parts are single-input single-output models SplitONNX reads.
            let devicePart = try ONNXImporter.importModel(serialized: parts.device.bytes, name: "\(name)-device", file: "device",
                                                          options: options)
            let edgePart = try ONNXImporter.importModel(serialized: parts.edge.bytes, name: "\(name)-edge", file: "edge",
                                                        options: options)
            #expect(devicePart.graph.layers.count == k, "\(name) k=\(k)")
            #expect(edgePart.graph.layers.count == graph.layers.count - k, "\(name) k=\(k)")
            let x = try #require(BatchTensor(channelsFirst: input))
            let sent = try ModelPart(graph: devicePart.graph, weights: devicePart.weights).run([.input: x])
            let tensor = try #require(sent.outputs[.layer(devicePart.graph.layers.count - 1)])
            let result = try ModelPart(graph: edgePart.graph, weights: edgePart.weights).run([.input: tensor])
            let y = try #require(result.outputs[.layer(edgePart.graph.layers.count - 1)])
            #expect([y.batch] + y.sampleShape.dims == expected.shape)
            #expect(relativeError(y.channelsFirst.elements, expected.elements) <= 1e-4, "\(name) split with \(k) device layers")
            ranThroughEngine += 1
        }
        #expect(ranThroughEngine > 0)
    }

    @Test func externalDataIsWrittenInline() throws {
        let graph = try ONNXImporter.importModel(atPath: path("external_data")).graph
        let parts = try ONNXPartExporter.split(modelAtPath: path("external_data"), boundary: try boundary(graph, (0..<graph.layers.count).map { $0 < 3 }))
        // Read back with no external data at all: the weights must be in the files.
        _ = try ONNXImporter.importModel(serialized: parts.device.bytes, name: "d", file: "d")
        _ = try ONNXImporter.importModel(serialized: parts.edge.bytes, name: "e", file: "e")
    }

    @Test func attributesAndMetadataPassThrough() throws {
        let source = try Onnx_ModelProto(serializedBytes: try #require(FileManager.default.contents(atPath: path("chain_cnn"))))
        let graph = try ONNXImporter.importModel(atPath: path("chain_cnn")).graph
        let parts = try ONNXPartExporter.split(modelAtPath: path("chain_cnn"), boundary: try boundary(graph, (0..<graph.layers.count).map { $0 < 4 }))
        let device = try Onnx_ModelProto(serializedBytes: parts.device.bytes)
        let edge = try Onnx_ModelProto(serializedBytes: parts.edge.bytes)
        #expect(device.producerName == source.producerName)
        for node in device.graph.node + edge.graph.node {
            let original = try #require(source.graph.node.first { $0.name == node.name })
            #expect(node == original, "\(node.name) is copied whole")
        }
    }

    /// IR 3 requires every initializer among the graph inputs: each part lists those it keeps, and only those.
    @Test func initializersListedAsInputsStayListed() throws {
        var source = try Onnx_ModelProto(serializedBytes: try #require(FileManager.default.contents(atPath: path("chain_cnn"))))
        source.irVersion = 3
        source.graph.input += source.graph.initializer.map { tensor in
            var info = Onnx_ValueInfoProto()
            info.name = tensor.name
            var type = Onnx_TypeProto.Tensor()
            type.elemType = tensor.dataType
            info.type.tensorType = type
            return info
        }
        let graph = try ONNXImporter.importModel(atPath: path("chain_cnn")).graph
        let crossing = try boundary(graph, (0..<graph.layers.count).map { $0 < 5 })
        let parts = try ONNXPartExporter.split(serialized: try source.serializedBytes(), file: "ir3.onnx", boundary: crossing)
        #expect(parts.device.inputs == ["input"])
        #expect(parts.edge.inputs == crossing.map(\.name))
        for bytes in [parts.device.bytes, parts.edge.bytes] {
            let part = try Onnx_ModelProto(serializedBytes: bytes)
            let listed = Set(part.graph.input.map(\.name))
            let weights = Set(part.graph.initializer.map(\.name))
            #expect(!weights.isEmpty)
            #expect(weights.isSubset(of: listed))
            #expect(listed.subtracting(weights).count == (bytes == parts.device.bytes ? 1 : crossing.count))
        }
    }

    @Test func brokenBoundariesAreRefused() throws {
        let file = path("resnet_like")
        let graph = try ONNXImporter.importModel(atPath: file).graph
        func error(_ boundary: [ONNXBoundaryTensor]) -> ONNXImportError? {
            do {
                _ = try ONNXPartExporter.split(modelAtPath: file, boundary: boundary)
                return nil
            } catch {
                return error
            }
        }
        // Inside the residual block, the skip tensor must cross too: one tensor alone is no cut.
        let conv = try #require(graph.layers.first { $0.tensorName == "/layer1/layer1.0/conv2/Conv_output_0" })
        let notACut = try #require(error([ONNXBoundaryTensor(name: conv.tensorName, sampleDims: conv.outputShape.dims)]))
        #expect(notACut.kind == .badGraph)
        #expect(notACut.description.contains("not a cut"), "\(notACut)")
        #expect(error([])?.description.contains("nothing to export") == true)
        #expect(error([ONNXBoundaryTensor(name: "no such value", sampleDims: [1])])?.tensor == "no such value")
        #expect(error([ONNXBoundaryTensor(name: "output", sampleDims: [10])])?.description.contains("edge part would be empty") == true)
        let twice = ONNXBoundaryTensor(name: "/relu/Relu_output_0", sampleDims: [8, 8, 8])
        #expect(error([twice, twice])?.description.contains("named twice") == true)
        #expect(error([twice]) == nil, "the tensor before the residual block is a cut on its own")
        let notONNX = FileManager.default.temporaryDirectory.path
        #expect(throws: ONNXImportError.self) { try ONNXPartExporter.split(modelAtPath: notONNX, boundary: [twice]) }
        #expect(throws: ONNXImportError.self) {
            try ONNXPartExporter.split(serialized: Data([0xFF, 0xFF, 0xFF]), file: "garbage.onnx", boundary: [twice])
        }
        // External data that is not there is named, not skipped.
        let missing = path("missing_external_data")
        let relu = ONNXBoundaryTensor(name: "/relu1/Relu_output_0", sampleDims: [8, 16, 16])
        do {
            _ = try ONNXPartExporter.split(modelAtPath: missing, boundary: [relu])
            Issue.record("missing external data was not reported")
        } catch {
            #expect(error.kind == .externalData, "\(error)")
        }
    }
}
