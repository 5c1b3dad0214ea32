import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP listener that answers `GET /metrics` with the edge's Prometheus text.
public struct MetricsListener: Sendable {
    private let channel: any Channel

    /// Binds to `host:port` (port 0 picks a free one) and starts answering.
    public static func start(host: String, port: Int, metrics: EdgeMetrics,
                             group: MultiThreadedEventLoopGroup = .singleton) async throws -> MetricsListener {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(MetricsHandler(metrics: metrics))
                }
            }
            .bind(host: host, port: port)
            .get()
        return MetricsListener(channel: channel)
    }

    /// The port it listens on.
    public var port: Int {
        channel.localAddress?.port ?? 0
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }
}

/// Answers each HTTP request: the metrics for GET /metrics, 404 for any other path.
private final class MetricsHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: EdgeMetrics
    private var head: HTTPRequestHead?

    init(metrics: EdgeMetrics) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
        case .body:
            break
        case .end:
            guard let request = head else { return }
            head = nil
            let path = request.uri.split(separator: "?").first.map(String.init) ?? request.uri
            let found = request.method == .GET && path == "/metrics"
            let body = found ? metrics.text() : "not found: the edge serves GET /metrics\n"
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain")
            headers.add(name: "Content-Length", value: String(body.utf8.count))
            let keepAlive = request.isKeepAlive
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            let status: HTTPResponseStatus = found ? .ok : .notFound
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))),
                          promise: nil)
            var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
            buffer.writeString(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                let channel = context.channel
                done.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}
