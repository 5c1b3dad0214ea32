import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SplitEdge
import SplitEngine
import SplitModels
@testable import SplitDevice

/// The in-process edge the live-device tests split frames with: smallcnn with seeded weights,
/// the real inference service over the engine, served on a free loopback port.
///
/// One place for the set-up that the batch and misbehaving-edge tests had each written out.
struct LoopbackEdge {
    let graph: ModelGraph
    let weights: ModelWeights
    /// The real service; a test may serve a wrapper of it instead.
    let service: InferenceService

    init() throws {
        graph = try ModelZoo.model(named: "smallcnn", inputElement: .float32)
        weights = ModelWeights.seeded(for: graph, seed: 1)
        let model = EdgeModel(name: graph.name, graph: graph, dynamicBatch: true,
                              computer: EnginePartComputer(graph: graph, weights: weights, pool: ThreadPool(threads: 1)))
        service = InferenceService(models: [model], scheduler: EdgeScheduler(capacity: 16))
    }

    /// Serves `served` on a free loopback port and runs `body` with a device configuration for
    /// it: split after layer 2, no added RTT, two profile repeats, `durationS` at `fps`.
    func serving<Result>(_ served: any RegistrableRPCService, durationS: Double, fps: Double,
                         _ body: (LiveDeviceConfiguration) async throws -> Result) async throws -> Result {
        let transport = HTTP2ServerTransport.Posix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext)
        let server = GRPCServer(transport: transport, services: [served])
        _ = Task { try await server.serve() }
        // Graceful, as EdgeServer stops: cancelling the serving task can drop a connection accepted but
        // not yet served, which SwiftNIO traps on (apple/swift-nio#3481; it crashed a loaded full run).
        defer { server.beginGracefulShutdown() }
        guard let port = try await transport.listeningAddress.ipv4?.port else {
            throw LiveDeviceError("the loopback edge has no IPv4 port")
        }
        var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: port, modelName: graph.name, graph: graph,
                                             weights: weights)
        config.policy = .staticSplit(2)
        // The in-process edge's handlers run on the test process's cooperative threads, which the
        // whole suite's blocking tests can hold for long on two cores: wait for it generously.
        config.metadataTimeoutMs = 120_000
        config.durationS = durationS
        config.fps = fps
        config.rttMs = 0
        config.profileRepeats = 2
        return try await body(config)
    }
}
