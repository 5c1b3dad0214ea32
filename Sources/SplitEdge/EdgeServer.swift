import GRPCCore
import GRPCNIOTransportCore
import GRPCNIOTransportHTTP2Posix
import SplitOIP

/// The edge process: the OIP gRPC server over its models and, when asked, the metrics listener.
///
/// ```swift
/// let edge = EdgeServer(configuration: EdgeConfiguration(host: "127.0.0.1", port: 0), models: [model])
/// try await edge.run { address in print("listening on \(address)") }
/// ```
public struct EdgeServer: Sendable {
    public let configuration: EdgeConfiguration
    public let service: InferenceService

    /// `log` gets a line for every new allocation among devices and every complaint about what a device sent.
    public init(configuration: EdgeConfiguration, models: [EdgeModel], version: String = "1",
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        service = InferenceService(
            models: models,
            scheduler: EdgeScheduler(capacity: configuration.queueCapacity, workers: configuration.workers),
            metrics: EdgeMetrics(),
            shares: EdgeShares(settings: configuration.shares, log: log),
            version: version)
    }

    /// Serves until the task is cancelled, then shuts down gracefully and returns; `onListening`
    /// gets the bound gRPC port and the metrics port (nil without metrics) once both listen.
    public func run(onListening: @escaping @Sendable (_ grpcPort: Int, _ metricsPort: Int?) async -> Void = { _, _ in })
        async throws {
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: configuration.host, port: configuration.port),
            transportSecurity: .plaintext,
            config: .defaults { config in
                config.rpc.maxRequestPayloadSize = configuration.maxMessageBytes
                configuration.flowControl.apply(to: &config)
            })
        let server = GRPCServer(transport: transport, services: [service])
        var metricsListener: MetricsListener?
        if let metrics = configuration.metrics {
            do {
                metricsListener = try await MetricsListener.start(host: metrics.host, port: metrics.port,
                                                                  metrics: service.metrics)
            } catch {
                throw EdgeListenError(what: "metrics", host: metrics.host, port: metrics.port, reason: "\(error)")
            }
        }
        let listener = metricsListener
        defer { if let listener { Task { await listener.stop() } } }
        let serving = Task { try await server.serve() }
        let address: GRPCNIOTransportCore.SocketAddress
        do {
            address = try await transport.listeningAddress
        } catch {
            // The server stopped before listening: its own error says why (the address is in use, say).
            var reason = "\(error)"
            do { try await serving.value } catch let cause { reason = "\(cause)" }
            throw EdgeListenError(what: "gRPC", host: configuration.host, port: configuration.port, reason: reason)
        }
        let port = address.ipv4?.port ?? address.ipv6?.port ?? configuration.port
        await onListening(port, listener?.port)
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            // Shut down gracefully rather than cancel the serving task: a cancelled server can drop a
            // connection it accepted but had not served yet, and SwiftNIO traps on that (its async
            // writer is deinited unfinished; apple/swift-nio#3481). Requests in flight get 2 s to end.
            server.beginGracefulShutdown()
            Task {
                try? await Task.sleep(for: .seconds(2))
                serving.cancel()
            }
        }
    }
}

/// The edge could not listen on an address.
public struct EdgeListenError: Error, CustomStringConvertible {
    public var what: String
    public var host: String
    public var port: Int
    public var reason: String

    public var description: String {
        "cannot serve \(what) on \(host):\(port): \(reason)"
    }
}

/// Where and how the edge listens.
public struct EdgeConfiguration: Hashable, Sendable {
    public var host: String
    public var port: Int
    /// Requests that may wait for a worker before new ones get RESOURCE_EXHAUSTED.
    public var queueCapacity: Int
    /// Requests computed at once.
    public var workers: Int
    /// Largest request the server accepts.
    public var maxMessageBytes: Int
    /// HTTP/2 frame size and flow-control window (the transport's defaults hold a 1 MiB tensor
    /// back; see ``HTTP2FlowControl``).
    public var flowControl: HTTP2FlowControl
    /// The HTTP address for /metrics, if any.
    public var metrics: (host: String, port: Int)? {
        get { metricsHost.map { ($0, metricsPort) } }
        set {
            metricsHost = newValue?.host
            metricsPort = newValue?.port ?? 0
        }
    }
    private var metricsHost: String?
    private var metricsPort: Int = 0
    /// How the edge keeps the devices sharing it and allocates among them.
    public var shares = EdgeShareBook.Settings()
    /// The uplink the devices share, in Mbit/s (`edge --uplink-mbps`); nil: not constrained, so
    /// only the edge's compute is shared among them.
    public var uplinkMbps: Double? {
        get { shares.uplinkMbps }
        set { shares.uplinkMbps = newValue }
    }

    public init(host: String, port: Int, queueCapacity: Int = 16, workers: Int = 1,
                maxMessageBytes: Int = 256 << 20, metrics: (host: String, port: Int)? = nil,
                flowControl: HTTP2FlowControl = .tensors) {
        self.host = host
        self.flowControl = flowControl
        self.port = port
        self.queueCapacity = queueCapacity
        self.workers = workers
        self.maxMessageBytes = maxMessageBytes
        self.metrics = metrics
    }
}
