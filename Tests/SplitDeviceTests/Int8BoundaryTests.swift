import Foundation
import SplitControl
import SplitCost
import SplitData
@testable import SplitDevice
import SplitEdge
import SplitEngine
import SplitModels
import SplitOIP
import SplitONNX
import SplitSession
import Testing

/// The int8 boundary tensor on the live link, end to end on loopback: a real edge serving the
/// trained Fashion-MNIST model, the device's own gRPC client and tensor encoding, real test images.
@Suite(.serialized) struct Int8BoundaryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let modelPath = repository.appendingPathComponent("Models/fashion-edge.onnx").path
    static let dataInstalled = FashionMNIST.isInstalled()
    static let skipReason: Comment = "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist: run scripts/setup"

    /// Runs a real edge serving `model` on a free loopback port, and `body` with the device's connection to it.
    private func withEdge(_ model: EdgeModel, _ body: (Int, EdgeConnection) async throws -> Void) async throws {
        let server = EdgeServer(configuration: EdgeConfiguration(host: "127.0.0.1", port: 0, queueCapacity: 16, metrics: nil),
                                models: [model])
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task {
            defer { continuation.finish() }
            try await server.run { grpc, _ in continuation.yield(grpc) }
        }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next(), "the edge stopped before listening")
        let edge = try EdgeConnection(host: "127.0.0.1", port: port)
        let connection = Task { await edge.run() }
        defer {
            edge.close()
            connection.cancel()
        }
        try await body(port, edge)
    }

    private static func argmax(_ logits: [Float]) -> [Int] {
        stride(from: 0, to: logits.count, by: 10).map { start in
            (start..<(start + 10)).max { logits[$0] < logits[$1] }.map { $0 - start } ?? 0
        }
    }

    /// At three cuts (the raw input; a residual block's first convolution, signed, with its skip;
    /// the 3×7×7 compressive bottleneck), 500 test images go to the edge as FP32 and as INT8: INT8
    /// sends a quarter of the bytes, and the edge's answer has the same argmax on at least 99 %.
    @Test(.enabled(if: dataInstalled, skipReason))
    func int8AgreesWithFP32() async throws {
        let batch = 50
        let imported = try ONNXImporter.importModel(atPath: Self.modelPath, options: ONNXImportOptions(batchSize: batch))
        let graph = imported.graph
        let model = EdgeModel(name: "fashion-edge", graph: graph, dynamicBatch: true,
                              computer: EnginePartComputer(graph: graph, weights: imported.weights, pool: ThreadPool(threads: 1)))
        let test = try FashionMNIST.load(.test).prefix(500)
        let runner = DevicePartRunner(graph: graph, weights: imported.weights, threads: 1)
        let output = EdgeModel.tensorName(of: .layer(graph.layers.count - 1), in: graph)
        let expected = OIPTensorSpec(name: output, shape: [batch, 10])
        try await withEdge(model) { _, edge in
            for split in [0, 4, 16] {
                let partition = Partition.prefix(split, layerCount: graph.layers.count)
                var same = 0
                var bytes = (fp32: 0, int8: 0)
                for offset in stride(from: 0, to: test.count, by: batch) {
                    let input = try #require(BatchTensor(sampleShape: TensorShape([1, 28, 28]), batch: batch,
                                                         elements: test.floatPixels(offset..<(offset + batch))))
                    let computed = split == 0 ? [.input: input] : try runner.runDevice(partition, input: input).tensors
                    var answers: [[Int]] = []
                    for datatype in [OIPDatatype.fp32, .int8] {
                        let sent = try runner.boundary(of: partition).map { source in
                            try LiveDriver.oipTensor(name: EdgeModel.tensorName(of: source, in: graph), #require(computed[source]),
                                                     as: datatype)
                        }
                        #expect(sent.allSatisfy { $0.datatype == datatype })
                        let count = sent.reduce(0) { $0 + $1.raw.count }
                        if datatype == .fp32 { bytes.fp32 += count } else { bytes.int8 += count }
                        let answer = try await edge.infer(model: "fashion-edge", tensors: sent, frameID: offset, partition: "split:\(split)",
                                                          expecting: expected, timeoutMs: 60_000)
                        answers.append(Self.argmax(answer.output.floats))
                    }
                    same += zip(answers[0], answers[1]).filter { $0 == $1 }.count
                }
                #expect(bytes.int8 * 4 == bytes.fp32, "split \(split): \(bytes)")
                #expect(Double(same) >= 0.99 * Double(test.count), "split \(split): \(same) of \(test.count) agree")
                print("int8 boundary at split \(split): \(bytes.int8) bytes against \(bytes.fp32) fp32, "
                      + "\(same) of \(test.count) argmaxes agree")
            }
        }
    }

    /// Events the device emits, kept for the assertions.
    final class Recorded: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [TimedEvent] = []
        func append(_ event: TimedEvent) { lock.withLock { stored.append(event) } }
        var events: [TimedEvent] { lock.withLock { stored } }
    }

    /// A live session with `boundary = .int8`: the frames the edge answers record the INT8 bytes
    /// that really travelled (147 at the bottleneck, not 588), and the profile the planner costs
    /// transfers with counts them the same way.
    @Test func liveSessionRecordsTheInt8Bytes() async throws {
        let imported = try ONNXImporter.importModel(atPath: Self.modelPath)
        let graph = imported.graph
        let model = EdgeModel(name: "fashion-edge", graph: graph, dynamicBatch: true,
                              computer: EnginePartComputer(graph: graph, weights: imported.weights, pool: ThreadPool(threads: 1)))
        try await withEdge(model) { port, _ in
            var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: port, modelName: "fashion-edge", graph: graph,
                                                 weights: imported.weights)
            config.boundary = .int8
            config.policy = .staticSplit(16)
            config.metadataTimeoutMs = 120_000
            config.durationS = 2
            config.fps = 10
            config.rttMs = 0
            config.profileRepeats = 2
            let recorded = Recorded()
            _ = try await LiveDevice(config).run(onReady: { _, profile in
                #expect(profile.layers[15].outputBytes == 147)
                #expect(profile.inputBytes == 784)
            }, emit: { recorded.append($0) }, operators: nil, stop: LiveStop())
            let frames = recorded.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
            let answered = frames.filter { $0.edgeMs != nil }
            #expect(!answered.isEmpty, "\(frames)")
            #expect(answered.allSatisfy { $0.bytesSent == 147 }, "\(answered.map(\.bytesSent))")
        }
    }
}
