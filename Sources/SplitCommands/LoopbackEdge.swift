import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SplitEdge
import SplitEngine
import SplitModels
import SplitOIP

/// A real edge (the `edge` command's server) on a free loopback port, and OIP clients of it,
/// each on its own HTTP/2 connection: what `bench live` measures.
///
/// ```swift
/// let edge = try await LoopbackEdge.start(models: [model], flowControl: .tensors)
/// let client = try edge.connect()
/// let answer = try await client.oip.modelInfer(request)
/// client.close()
/// await edge.stop()
/// ```
struct LoopbackEdge: Sendable {
    let port: Int
    let server: EdgeServer
    let flowControl: HTTP2FlowControl
    private let serving: Task<Void, any Error>

    /// Starts the edge on 127.0.0.1 at a free port and returns once it listens.
    static func start(models: [EdgeModel], flowControl: HTTP2FlowControl, queueCapacity: Int = 16) async throws -> LoopbackEdge {
        let server = EdgeServer(
            configuration: EdgeConfiguration(host: "127.0.0.1", port: 0, queueCapacity: queueCapacity, flowControl: flowControl),
            models: models)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task {
            defer { continuation.finish() }
            try await server.run { grpc, _ in continuation.yield(grpc) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await serving.value
            throw CommandError("the edge stopped before it listened", isUsage: false)
        }
        return LoopbackEdge(port: port, server: server, flowControl: flowControl, serving: serving)
    }

    /// Stops serving and waits until the server has stopped.
    func stop() async {
        serving.cancel()
        _ = try? await serving.value
    }

    /// A client on a new connection, with the given HTTP/2 settings (the edge's own by default).
    func connect(flowControl: HTTP2FlowControl? = nil) throws -> LoopbackEdgeClient {
        let transport = try (flowControl ?? self.flowControl).clientTransport(host: "127.0.0.1", port: port)
        return LoopbackEdgeClient(client: GRPCClient(transport: transport))
    }

    /// An edge model served by the engine with seeded weights (seed 1, as `edge` serves zoo models).
    static func engineModel(_ graph: ModelGraph, threads: Int = 1) throws -> EdgeModel {
        let weights = try EngineOptions.seededWeights(for: graph, seed: 1)
        let computer = EnginePartComputer(graph: graph, weights: weights, pool: ThreadPool(threads: threads))
        return EdgeModel(name: graph.name, graph: graph, dynamicBatch: true, computer: computer)
    }
}

/// One OIP client connection of a ``LoopbackEdge``.
struct LoopbackEdgeClient: Sendable {
    let client: GRPCClient<HTTP2ClientTransport.Posix>
    private let connections: Task<Void, any Error>

    init(client: GRPCClient<HTTP2ClientTransport.Posix>) {
        self.client = client
        connections = Task { try await client.runConnections() }
    }

    var oip: Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix> {
        Inference_GRPCInferenceService.Client(wrapping: client)
    }

    /// Closes the connection once its calls are done and waits for it.
    func close() async {
        client.beginGracefulShutdown()
        _ = try? await connections.value
    }
}

/// One named tensor of a model and a ModelInfer request that sends it.
struct CutTensor: Sendable {
    var source: TensorSource
    var name: String
    var shape: [Int]

    var bytes: Int { 4 * shape.reduce(1, *) }

    /// The request that sends this tensor (a ramp of values) and asks for `outputs` (the model
    /// output when empty).
    func request(model: String, outputs: [String] = []) throws -> Inference_ModelInferRequest {
        let count = shape.reduce(1, *)
        let tensor = try OIPTensor(name: name, shape: shape, floats: (0..<count).map { Float($0 % 251) / 251 })
        var request = Inference_ModelInferRequest()
        request.modelName = model
        request.inputs = [tensor.inputTensor]
        request.rawInputContents = [tensor.raw]
        request.outputs = outputs.map { name in
            var output = Inference_ModelInferRequest.InferRequestedOutputTensor()
            output.name = name
            return output
        }
        return request
    }

    /// The layer output of `graph` (batch 1) whose size is nearest `bytes`.
    static func nearest(bytes: Int, in graph: ModelGraph) -> CutTensor? {
        let best = graph.layers.indices.min { a, b in
            abs(4 * graph.layers[a].outputShape.elementCount - bytes) < abs(4 * graph.layers[b].outputShape.elementCount - bytes)
        }
        return best.map { tensor(.layer($0), in: graph) }
    }

    /// A cut near the middle of `graph` that one tensor crosses: the layer output nearest the
    /// middle that nothing before it bypasses (no skip connection jumps over it).
    static func middle(of graph: ModelGraph) -> CutTensor? {
        let n = graph.layers.count
        // lastUse[i]: the last layer that reads tensor i (the input is -1).
        var lastUse = [Int: Int]()
        for (index, layer) in graph.layers.enumerated() {
            for input in layer.inputs {
                let key: Int
                switch input {
                case .input: key = -1
                case .layer(let i): key = i
                }
                lastUse[key] = max(lastUse[key] ?? index, index)
            }
        }
        // A cut after layer k is crossed by layer k's output alone when no earlier tensor is read after k.
        var readLater = [Bool](repeating: false, count: n)
        var latest = lastUse[-1] ?? 0
        for k in 0..<n {
            readLater[k] = latest > k
            latest = max(latest, lastUse[k] ?? 0)
        }
        let candidates = (0..<(n - 1)).filter { !readLater[$0] && (lastUse[$0] ?? 0) > $0 }
        let best = candidates.min { abs(2 * $0 - n) < abs(2 * $1 - n) }
        return best.map { tensor(.layer($0), in: graph) }
    }

    static func tensor(_ source: TensorSource, in graph: ModelGraph) -> CutTensor {
        let dims: [Int]
        switch source {
        case .input: dims = graph.inputShape.dims
        case .layer(let index): dims = graph.layers[index].outputShape.dims
        }
        return CutTensor(source: source, name: EdgeModel.tensorName(of: source, in: graph), shape: [1] + dims)
    }
}
