import GRPCNIOTransportCore
import GRPCNIOTransportHTTP2Posix

/// The HTTP/2 frame size, flow-control window and write coalescing an OIP connection uses, on
/// the edge and on its clients: what decides how fast a megabyte tensor crosses a fast link.
///
/// grpc-swift-nio-transport's server defaults (16 KiB frames, a 64 KiB − 1 window) make a client
/// stop after every 64 KiB of a request and wait for the server's WINDOW_UPDATE: a 1 MiB tensor
/// waits sixteen times. ``tensors`` opens the window to 8 MiB (several whole tensors in flight on
/// each stream and connection) and lets one frame carry a whole tensor (up to 16 MiB − 1, the
/// most HTTP/2 allows), on both sides. `bench live` measures both: for a 1 MiB tensor on
/// loopback, 3–5× the throughput of the defaults; 1 MiB frames gave about half of what whole-tensor
/// frames give, since a tensor of exactly 1 MiB plus its framing then takes two frames.
///
/// The transport also holds every flush of less than 64 KiB for up to 100 µs, hoping to send it
/// with the next ones. A device sends one frame at a time and waits for the answer, so there is
/// nothing to coalesce: the END_STREAM of a request, the trailers of a response and window
/// updates only wait. ``tensors`` sends them at once.
///
/// ```swift
/// let transport = HTTP2FlowControl.tensors.clientTransport(host: "127.0.0.1", port: 8001)
/// ```
public struct HTTP2FlowControl: Hashable, Sendable {
    /// Largest HTTP/2 frame either side sends, in bytes (clamped by the transport to 16 KiB…16 MiB − 1).
    public var maxFrameSize: Int
    /// The flow-control window each side grants per stream and per connection, in bytes.
    public var targetWindowSize: Int
    /// Whether small writes wait up to 100 µs for more before they are sent (the transport's
    /// flush coalescing, on by default); false sends every flush at once.
    public var coalescesFlushes: Bool

    public init(maxFrameSize: Int, targetWindowSize: Int, coalescesFlushes: Bool = true) {
        self.maxFrameSize = maxFrameSize
        self.targetWindowSize = targetWindowSize
        self.coalescesFlushes = coalescesFlushes
    }

    /// For tensors: frames up to 16 MiB − 1, an 8 MiB window, flushes sent at once. The edge and
    /// the device use it.
    public static let tensors = HTTP2FlowControl(maxFrameSize: (1 << 24) - 1, targetWindowSize: 8 << 20, coalescesFlushes: false)

    /// grpc-swift-nio-transport's server defaults (16 KiB frames, 64 KiB − 1 window, flushes
    /// coalesced): what the edge used before, kept to measure against.
    public static let serverDefaults = HTTP2FlowControl(
        maxFrameSize: HTTP2ServerTransport.Config.HTTP2.defaults.maxFrameSize,
        targetWindowSize: HTTP2ServerTransport.Config.HTTP2.defaults.targetWindowSize)

    /// grpc-swift-nio-transport's client defaults (16 KiB frames, 8 MiB window, flushes coalesced).
    public static let clientDefaults = HTTP2FlowControl(
        maxFrameSize: HTTP2ClientTransport.Config.HTTP2.defaults.maxFrameSize,
        targetWindowSize: HTTP2ClientTransport.Config.HTTP2.defaults.targetWindowSize)

    /// The server transport's configuration with this frame size, window and coalescing.
    func apply(to config: inout HTTP2ServerTransport.Posix.Config) {
        config.http2.maxFrameSize = maxFrameSize
        config.http2.targetWindowSize = targetWindowSize
        if !coalescesFlushes { config.connection.flushCoalescing = nil }
    }

    /// The client transport's configuration with this frame size, window and coalescing.
    public func apply(to config: inout HTTP2ClientTransport.Posix.Config) {
        config.http2.maxFrameSize = maxFrameSize
        config.http2.targetWindowSize = targetWindowSize
        if !coalescesFlushes { config.connection.flushCoalescing = nil }
    }

    /// A plaintext client transport to an OIP server at `host:port` with these settings.
    public func clientTransport(host: String, port: Int) throws -> HTTP2ClientTransport.Posix {
        try HTTP2ClientTransport.Posix(
            target: .ipv4(address: host, port: port),
            transportSecurity: .plaintext,
            config: .defaults { apply(to: &$0) })
    }
}
