import Dispatch
import Foundation
import GRPCCore
import SplitModels
import SplitOIP
import Testing
@testable import SplitEdge

/// A computer that holds every computation until the test opens its gate, then returns zeros of
/// the right shapes: for testing the queue, not the arithmetic.
final class GatedComputer: PartComputing, @unchecked Sendable {
    let graph: ModelGraph
    private let gate = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var firstInputs: [Float] = []

    init(graph: ModelGraph) {
        self.graph = graph
    }

    /// Lets `count` held or future computations through.
    func open(_ count: Int) {
        for _ in 0..<count { gate.signal() }
    }

    /// The first element of the first input tensor of every computation, in the order the edge
    /// started them (-1 for one given no tensor): a test that fills each client's inputs with its
    /// own value reads here whose request ran when.
    var started: [Float] { lock.withLock { firstInputs } }

    func compute(_ work: EdgeWork, given: [TensorSource: FloatTensor]) throws -> [TensorSource: FloatTensor] {
        let first = given.keys.sorted { "\($0)" < "\($1)" }.first.flatMap { given[$0]?.elements.first } ?? -1
        lock.withLock { firstInputs.append(first) }
        gate.wait()
        var result = [TensorSource: FloatTensor]()
        for source in work.computedOutputs {
            guard case .layer(let index) = source else { continue }
            result[source] = FloatTensor(zeros: [work.batch] + graph.layers[index].outputShape.dims)
        }
        return result
    }
}

@Suite("EdgeServer over real gRPC on loopback", .serialized)
struct EdgeServerTests {
    static let graph = try! ModelZoo.model(named: "smallcnn", inputElement: .float32)

    static func request(_ model: String = "smallcnn", input name: String = "input", shape: [Int] = [1, 3, 32, 32],
                        fill: Float = 0.5) throws -> Inference_ModelInferRequest {
        let tensor = try OIPTensor(name: name, shape: shape, floats: [Float](repeating: fill, count: shape.reduce(1, *)))
        var request = Inference_ModelInferRequest()
        request.modelName = model
        request.inputs = [tensor.inputTensor]
        request.rawInputContents = [tensor.raw]
        return request
    }

    /// Polls `condition` until it holds, for at most `limit` seconds.
    static func eventually(_ limit: Double = 20, _ condition: () async -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test("live, ready, server and model metadata")
    func health() async throws {
        let model = EdgeModel(name: "smallcnn", graph: Self.graph, computer: GatedComputer(graph: Self.graph))
        try await withEdge([model]) { client, _, _ in
            #expect(try await client.serverLive(Inference_ServerLiveRequest()).live)
            #expect(try await client.serverReady(Inference_ServerReadyRequest()).ready)
            var ready = Inference_ModelReadyRequest()
            ready.name = "smallcnn"
            #expect(try await client.modelReady(ready).ready)
            ready.name = "nope"
            #expect(try await !client.modelReady(ready).ready)
            #expect(try await client.serverMetadata(Inference_ServerMetadataRequest()).name == "splitscope")
            var metadata = Inference_ModelMetadataRequest()
            metadata.name = "smallcnn"
            let answer = try await client.modelMetadata(metadata)
            #expect(answer.inputs.first?.shape == [1, 3, 32, 32])
            #expect(answer.outputs.first?.name == "classifier.3")
            metadata.name = "nope"
            await #expect { try await client.modelMetadata(metadata) } throws: { error in
                (error as? RPCError)?.code == .notFound
            }
        }
    }

    @Test("bad requests get INVALID_ARGUMENT or NOT_FOUND with a message naming the fault, and the server goes on")
    func badRequests() async throws {
        let computer = GatedComputer(graph: Self.graph)
        computer.open(1)
        let model = EdgeModel(name: "smallcnn", graph: Self.graph, computer: computer)
        try await withEdge([model]) { client, _, _ in
            var outputTooLate = try Self.request(input: "features.4", shape: [1, 32, 16, 16])
            outputTooLate.outputs = [{ var o = Inference_ModelInferRequest.InferRequestedOutputTensor(); o.name = "features.1"; return o }()]
            var unknownOutput = try Self.request()
            unknownOutput.outputs = [{ var o = Inference_ModelInferRequest.InferRequestedOutputTensor(); o.name = "logits"; return o }()]
            var shortRaw = try Self.request()
            shortRaw.rawInputContents = [Data(count: 12)]
            var wrongType = try Self.request()
            wrongType.inputs[0].datatype = "INT64"
            let cases: [(Inference_ModelInferRequest, RPCError.Code, String)] = [
                (try Self.request("nope"), .notFound, "nope"),
                (try Self.request(shape: [1, 3, 16, 16]), .invalidArgument, "shape"),
                (try Self.request(input: "image"), .invalidArgument, "image"),
                (outputTooLate, .invalidArgument, "cut"),
                (unknownOutput, .invalidArgument, "logits"),
                (shortRaw, .invalidArgument, "12 bytes"),
                (wrongType, .invalidArgument, "INT64"),
            ]
            for (request, code, mention) in cases {
                await #expect {
                    try await client.modelInfer(request)
                } throws: { error in
                    guard let error = error as? RPCError else { return false }
                    return error.code == code && error.message.contains(mention)
                }
            }
            // Still serving.
            let response = try await client.modelInfer(try Self.request())
            #expect(response.outputs.map(\.name) == ["classifier.3"])
        }
    }

    @Test("a full queue answers RESOURCE_EXHAUSTED at once; queued requests still complete")
    func queueFull() async throws {
        let computer = GatedComputer(graph: Self.graph)
        let model = EdgeModel(name: "smallcnn", graph: Self.graph, computer: computer)
        try await withEdge([model], queueCapacity: 1) { client, server, _ in
            let scheduler = server.service.scheduler
            let first = Task { try await client.modelInfer(try Self.request()) }
            #expect(try await Self.eventually { await scheduler.load().running == 1 })
            let second = Task { try await client.modelInfer(try Self.request()) }
            #expect(try await Self.eventually { await scheduler.load().queueLength == 1 })
            // The third finds one running and one waiting: refused without waiting for the gate
            // (the deadline only keeps a regression from hanging the suite: it fails instead).
            var options = CallOptions.defaults
            options.timeout = .seconds(30)
            let third = try Self.request()
            await #expect {
                try await client.modelInfer(third, options: options)
            } throws: { error in
                guard let error = error as? RPCError else { return false }
                return error.code == .resourceExhausted && error.message.contains("queue")
            }
            computer.open(2)
            let answers = [try await first.value, try await second.value]
            for answer in answers {
                #expect(answer.outputs.first?.shape == [1, 10])
                #expect(answer.parameters[EdgeParameter.computeMilliseconds]?.number != nil)
                #expect(answer.parameters[EdgeParameter.queueLength]?.number != nil)
            }
            // The second waited behind the first, and says so.
            #expect((answers[1].parameters[EdgeParameter.queueMilliseconds]?.number ?? 0) > 0)
        }
    }

    @Test("frame id and partition come back; /metrics counts requests and failures")
    func parametersAndMetrics() async throws {
        let computer = GatedComputer(graph: Self.graph)
        computer.open(1)
        let model = EdgeModel(name: "smallcnn", graph: Self.graph, computer: computer)
        try await withEdge([model], metrics: true) { client, _, metricsPort in
            var request = try Self.request()
            request.parameters[EdgeParameter.frameID] = .int64(42)
            request.parameters[EdgeParameter.partition] = .string("split:3")
            let response = try await client.modelInfer(request)
            #expect(response.parameters[EdgeParameter.frameID]?.number == 42)
            #expect(response.parameters[EdgeParameter.partition]?.text == "split:3")
            #expect(response.parameters[EdgeParameter.layersRun]?.number == Double(Self.graph.layers.count))
            _ = try? await client.modelInfer(try Self.request("nope"))

            let port = try #require(metricsPort)
            let text = try await httpGet(port: port, path: "/metrics")
            #expect(text.contains("splitscope_edge_requests_total{model=\"smallcnn\"} 1"))
            // A model the edge does not serve is counted under one label, never under the name the client sent.
            #expect(text.contains("splitscope_edge_failures_total{model=\"\(InferenceService.unknownModelLabel)\""))
            #expect(!text.contains("nope"))
            #expect(text.contains("splitscope_edge_compute_seconds_bucket{model=\"smallcnn\""))
            #expect(text.contains("splitscope_edge_queue_length"))
            let missing = try await httpGet(port: port, path: "/other")
            #expect(missing.contains("not found"))
        }
    }
}
