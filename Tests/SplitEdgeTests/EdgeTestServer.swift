import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SplitEdge
import SplitOIP

/// The OIP client the tests use, on a real HTTP/2 connection.
typealias OIPClient = Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix>

/// Runs a real edge on a free loopback port, and `body` with the ports it bound.
func withEdgePorts(_ models: [EdgeModel], queueCapacity: Int = 16, metrics: Bool = false,
                   shares: EdgeShareBook.Settings = .init(), log: @escaping @Sendable (String) -> Void = { _ in },
                   _ body: (_ port: Int, EdgeServer, _ metricsPort: Int?) async throws -> Void) async throws {
    var configuration = EdgeConfiguration(host: "127.0.0.1", port: 0, queueCapacity: queueCapacity,
                                          metrics: metrics ? ("127.0.0.1", 0) : nil)
    configuration.shares = shares
    let server = EdgeServer(configuration: configuration, models: models, log: log)
    let (ports, continuation) = AsyncStream.makeStream(of: (Int, Int?).self)
    let serving = Task {
        defer { continuation.finish() }
        try await server.run { grpc, metrics in continuation.yield((grpc, metrics)) }
    }
    var iterator = ports.makeAsyncIterator()
    guard let (port, metricsPort) = await iterator.next() else {
        _ = try await serving.value
        throw RPCError(code: .unavailable, message: "the edge stopped before listening")
    }
    defer { serving.cancel() }
    try await body(port, server, metricsPort)
}

/// Runs `body` with a real client on its own connection to `port`.
func withClient(port: Int, _ body: (OIPClient) async throws -> Void) async throws {
    try await withGRPCClient(
        transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
    ) { client in
        try await body(Inference_GRPCInferenceService.Client(wrapping: client))
    }
}

/// Runs a real edge on a free loopback port, and `body` with a real client connected to it.
func withEdge(_ models: [EdgeModel], queueCapacity: Int = 16, metrics: Bool = false,
              shares: EdgeShareBook.Settings = .init(), log: @escaping @Sendable (String) -> Void = { _ in },
              _ body: (OIPClient, EdgeServer, _ metricsPort: Int?) async throws -> Void) async throws {
    try await withEdgePorts(models, queueCapacity: queueCapacity, metrics: metrics, shares: shares, log: log) { port, server, metricsPort in
        try await withClient(port: port) { client in try await body(client, server, metricsPort) }
    }
}
